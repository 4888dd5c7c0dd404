/**
 * Response headers for the pages and their assets. The Content-Security-Policy allows only this
 * origin's scripts, styles, images and API calls: no inline script, no CDN, no framing. uPlot sets
 * element styles from script (CSSOM), which `style-src 'self'` permits. Swagger UI (/docs only)
 * also writes inline style attributes, so /docs allows inline styles, never inline script; it
 * draws its icons as `data:` images.
 */
import type { NextFunction, Request, Response } from 'express';

const policy = (styleSource: string): string => [
  "default-src 'none'",
  "script-src 'self'",
  `style-src ${styleSource}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const explorerPolicy = policy("'self'");
const docsPolicy = policy("'self' 'unsafe-inline'");

export function pageHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', req.path === '/docs' || req.path.startsWith('/docs/') ? docsPolicy : explorerPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}
