/**
 * The `route` label of a request: a template, never a raw path, so ids and user input cannot grow
 * the metrics' label sets. Known once the response is done.
 */
import type { Request, Response } from 'express';

/** A fixed label for every request under a path prefix, e.g. each sandbox simulator's. */
export interface RoutePrefix {
  prefix: string;
  label: string;
}

/** Requests that match no route (404s, probes). */
const unmatchedRoute = 'unmatched';

interface OpenApiRequest {
  openapi?: { openApiRoute?: string };
}

/** `/v1/usage/tasks/:taskId` → `/v1/usage/tasks/{taskId}`. */
const toTemplate = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function routeLabel(req: Request, res: Response, prefixes: readonly RoutePrefix[]): string {
  // The native passthrough records the spec operation it matched (src/native/native-router.ts).
  const native = res.locals.nativeCall as { template?: string } | undefined;
  if (typeof native?.template === 'string') return `/v1/native/{providerId}${native.template}`;
  const path = req.originalUrl.split('?', 1)[0] ?? '';
  if (path === '/v1/native' || path.startsWith('/v1/native/')) return '/v1/native/{providerId}/*';
  for (const { prefix, label } of prefixes) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return label;
  }
  // A matched Express route (route paths are string literals in this app), else the OpenAPI route the
  // validator matched before refusing the request.
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return toTemplate(route);
  const openApiRoute = (req as Request & OpenApiRequest).openapi?.openApiRoute;
  return typeof openApiRoute === 'string' ? openApiRoute : unmatchedRoute;
}
