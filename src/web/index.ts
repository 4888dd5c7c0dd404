/**
 * The pages for people, mounted ahead of the API key check and the unified API's validator: they
 * hold no data (the explorer asks the API from the browser, with the key the person gives it), so
 * they load without a key.
 */
import { Router, type RequestHandler } from 'express';
import { docsRoutes, type NativeSpec } from './docs';
import { explorerRoutes } from './explorer';
import { pageHeaders } from './page-headers';


export interface WebOptions {
  /** The configured providers' native APIs, listed on /docs. */
  nativeSpecs: readonly NativeSpec[];
  /** Whether the sandbox providers hold the demo data set (the explorer then opens on a demo chart). */
  demoData: boolean;
}

const isPagePath = (path: string): boolean =>
  path === '/' || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/explorer/');

export function webRoutes(options: WebOptions): RequestHandler {
  const pages = Router();
  pages.use(docsRoutes(options.nativeSpecs));
  pages.use(explorerRoutes({ demoData: options.demoData }));
  // Only the pages' paths enter their routers (with the page headers): API requests pass at the cost of one test.
  return (req, res, next) => {
    if (!isPagePath(req.path)) {
      next();
      return;
    }
    pageHeaders(req, res, () => pages(req, res, next));
  };
}
