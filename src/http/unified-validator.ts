/**
 * The unified API's validation: express-openapi-validator over specs/usage-api.yaml, requests always,
 * responses when asked (tests).
 *
 * express-openapi-validator 5.6.2 finds a request's operation by compiling a path-to-regexp matcher
 * for each path of its spec, in order (templates last), on every request (openapi.metadata.js,
 * `lookupRoute`). So each literal path of the spec (one without `{parameters}`, `/v1/usage/query`
 * among them) gets a validator over a copy of the spec holding that path alone, picked by one map
 * lookup; every other request (a path template, an unknown path) goes to the validator of the whole
 * spec, which answers as before (404, 405).
 */
import express, { type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { loadSpec, type OpenApiDocument } from '../specs';

export interface UnifiedValidatorOptions {
  validateResponses: boolean;
}

/**
 * How the validator's matchers see a path: case-insensitive (Express's default routing, which the
 * validator follows) and with one optional trailing slash.
 */
const lookupKey = (path: string): string => {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
};

function validator(spec: OpenApiDocument, options: UnifiedValidatorOptions, validateApiSpec: boolean): RequestHandler {
  const router = express.Router();
  router.use(OpenApiValidator.middleware({
    apiSpec: spec as never,
    validateApiSpec,
    validateRequests: { allowUnknownQueryParameters: false },
    validateResponses: options.validateResponses,
    validateSecurity: false,
    validateFormats: true,
    // The unified API takes JSON bodies only: no multipart parsing step.
    fileUploader: false,
  }));
  return router;
}

export function unifiedValidator(options: UnifiedValidatorOptions): RequestHandler {
  // Each validator gets a spec of its own (loadSpec copies): the validator rewrites schemas in place.
  const spec = loadSpec('usage-api');
  const literalPaths = Object.keys(spec.paths ?? {}).filter((path) => !path.includes('{'));
  const whole = validator(spec, options, true);
  const literal = new Map<string, RequestHandler>();
  for (const path of literalPaths) {
    const single = loadSpec('usage-api');
    const item = single.paths?.[path];
    if (!item) continue;
    single.paths = { [path]: item };
    // The whole spec was checked above; its one-path copies need not be again.
    literal.set(lookupKey(path), validator(single, options, false));
  }
  return (req, res, next) => {
    (literal.get(lookupKey(req.path)) ?? whole)(req, res, next);
  };
}
