/** The express-openapi-validator middleware over specs/sequence.yaml, as the simulator uses it. */
import type { RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { specServedAt } from '../../specs';

const cache = new Map<string, RequestHandler[]>();

/**
 * The validator for one base path. Building one costs about half a second of spec resolution and
 * schema compiling at its first request, and it keeps no per-account state, so simulators sharing
 * a base path (every test app, for one) share it.
 */
export function sequenceSpecValidator(basePath: string, validateResponses: boolean): RequestHandler[] {
  const key = `${validateResponses}:${basePath}`;
  let middleware = cache.get(key);
  if (!middleware) {
    middleware = OpenApiValidator.middleware({
      apiSpec: specServedAt('sequence', basePath) as never,
      // Every violation is reported, one error item each; the body limit bounds the cost.
      validateRequests: { allErrors: true },
      validateResponses: validateResponses ? { allErrors: true } : false,
      validateSecurity: false,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
    });
    cache.set(key, middleware);
  }
  return middleware;
}
