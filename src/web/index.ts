/**
 * The pages for people, mounted ahead of the API key check and the unified API's validator: they
 * hold no data (the explorer asks the API from the browser, with the key the person gives it), so
 * they load without a key.
 */
import { Router } from 'express';
import { docsRoutes, type NativeSpec } from './docs';
import { explorerRoutes } from './explorer';
import { pageHeaders } from './page-headers';

export type { NativeSpec } from './docs';

export interface WebOptions {
  /** The configured providers' native APIs, listed on /docs. */
  nativeSpecs: readonly NativeSpec[];
  /** Whether the sandbox providers hold the demo data set (the explorer then opens on a demo chart). */
  demoData: boolean;
}

const isPagePath = (path: string): boolean =>
  path === '/' || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/explorer/');

export function webRoutes(options: WebOptions): Router {
  const pages = Router();
  pages.use(docsRoutes(options.nativeSpecs));
  pages.use(explorerRoutes({ demoData: options.demoData }));
  const router = Router();
  router.use((req, res, next) => {
    // Page headers on the pages' paths only: the API and /openapi.json pass untouched.
    if (isPagePath(req.path)) pageHeaders(req, res, next);
    else next();
  });
  router.use(pages);
  return router;
}
