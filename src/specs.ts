/** The OpenAPI documents in specs/, parsed once. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { OpenAPIV3 } from 'express-openapi-validator/dist/framework/types';

export type SpecName = 'usage-api' | 'flexprice' | 'sequence' | 'svix';
export type OpenApiDocument = OpenAPIV3.DocumentV3 | OpenAPIV3.DocumentV3_1;

// src/ when run from source, dist/src/ when built: the specs sit beside whichever root this is.
export const specsDir = [path.resolve(__dirname, '..', 'specs'), path.resolve(__dirname, '..', '..', 'specs')].find(
  (candidate) => existsSync(path.join(candidate, 'usage-api.yaml')),
) ?? path.resolve('specs');
const cache = new Map<SpecName, OpenApiDocument>();

/** A fresh deep copy each call, so callers may change `servers` without touching others. */
export function loadSpec(name: SpecName): OpenApiDocument {
  let spec = cache.get(name);
  if (!spec) {
    spec = parseYaml(readFileSync(path.join(specsDir, `${name}.yaml`), 'utf8')) as OpenApiDocument;
    cache.set(name, spec);
  }
  return structuredClone(spec);
}

/** The spec with its servers replaced by one base path (where the gateway mounts it). */
export function specServedAt(name: SpecName, basePath: string): OpenApiDocument {
  const spec = loadSpec(name);
  spec.servers = [{ url: basePath }];
  return spec;
}
