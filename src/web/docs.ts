/**
 * `GET /docs`: Swagger UI over the unified API's spec, with each configured provider's native API
 * (as the gateway serves it at `/v1/native/{id}`) and each provider's own published spec beside it.
 * Every document is served as JSON under `/docs/specs/`.
 */
import path from 'node:path';
import { Router } from 'express';
import { loadSpec, type OpenApiDocument } from '../specs';
import { publicDir, swaggerUiFiles } from './assets';
import { fileRoutes, publicFiles } from './static-files';

/** A configured provider's native API as callers see it (servers `/v1/native/{id}`). */
export interface NativeSpec {
  id: string;
  type: 'flexprice' | 'sequence' | 'svix';
  spec: OpenApiDocument;
}

export interface SpecLink {
  name: string;
  url: string;
}

const providerTypes = ['flexprice', 'sequence', 'svix'] as const;
const hour = 3_600_000;

/**
 * A native spec with the gateway's own authentication put in, so "Try it out" can send a gateway
 * key: the gateway signs the forwarded request with the provider's credentials itself.
 */
function withGatewaySecurity(native: NativeSpec, usage: OpenApiDocument): OpenApiDocument {
  // A shallow copy: only the top-level security entries differ from the native spec.
  return {
    ...native.spec,
    components: { ...native.spec.components, securitySchemes: usage.components?.securitySchemes ?? {} },
    security: usage.security ?? [],
  };
}

export function docsRoutes(nativeSpecs: readonly NativeSpec[]): Router {
  const router = Router();
  const usage = loadSpec('usage-api');
  const natives = new Map(nativeSpecs.map((native) => [native.id, withGatewaySecurity(native, usage)]));
  const links: { unified: SpecLink; native: SpecLink[]; published: SpecLink[] } = {
    unified: { name: 'usage-gateway: the unified API', url: '/docs/specs/usage-api.json' },
    native: nativeSpecs.map((native) => ({ name: `${native.id}: native ${native.type} API at /v1/native/${native.id}`, url: `/docs/specs/native/${native.id}.json` })),
    published: providerTypes.map((type) => ({ name: `${type}: the provider's published spec`, url: `/docs/specs/${type}.json` })),
  };

  router.get(['/docs', '/docs/'], (_req, res) => {
    res.sendFile(path.join(publicDir, 'docs', 'index.html'));
  });
  router.use(fileRoutes('/docs/page', publicFiles(path.join(publicDir, 'docs')), { maxAgeMs: 0 }));
  router.use(fileRoutes('/docs/vendor', swaggerUiFiles, { maxAgeMs: hour }));
  router.get('/docs/specs.json', (_req, res) => {
    res.json(links);
  });
  router.get('/docs/specs/usage-api.json', (_req, res) => {
    res.json(usage);
  });
  const published = new Map(providerTypes.map((type) => [`${type}.json`, loadSpec(type)]));
  router.get('/docs/specs/:file', (req, res, next) => {
    const spec = published.get(String(req.params.file));
    if (spec) res.json(spec);
    else next();
  });
  router.get('/docs/specs/native/:file', (req, res, next) => {
    const spec = natives.get(String(req.params.file).replace(/\.json$/, ''));
    if (spec) res.json(spec);
    else next();
  });
  return router;
}
