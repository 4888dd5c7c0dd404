/**
 * Which paths under the base path exist, and with which methods: the spec's paths plus the
 * sandbox's own. Checked before authentication, as Svix's router answers an unknown route before
 * any extractor reads credentials.
 */
import type { OpenApiDocument } from '../../specs';

export interface RouteEntry {
  pattern: RegExp;
  methods: string[];
}

/** Sandbox-only routes (not in Svix's API), relative to the base path. */
export const SANDBOX_ROUTES = {
  apps: '/sandbox/apps',
  messageAttempts: '/sandbox/message-attempts',
} as const;

function templateToPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

export function routeTable(spec: OpenApiDocument): RouteEntry[] {
  const fromSpec = Object.entries(spec.paths ?? {}).map(([template, item]) => ({
    pattern: templateToPattern(template),
    methods: ['get', 'post', 'put', 'patch', 'delete'].filter((method) => item && method in item).map((method) => method.toUpperCase()),
  }));
  return [
    ...fromSpec,
    { pattern: templateToPattern(SANDBOX_ROUTES.apps), methods: ['GET', 'POST'] },
    { pattern: templateToPattern(SANDBOX_ROUTES.messageAttempts), methods: ['POST'] },
  ];
}

/** `found`, `missing` (no such path) or the methods the path does allow. */
export function matchRoute(routes: readonly RouteEntry[], method: string, path: string): 'found' | 'missing' | { allowed: string[] } {
  const entry = routes.find((route) => route.pattern.test(path));
  if (!entry) return 'missing';
  // HEAD is refused too: the spec declares no HEAD operation, so the validator could not check one.
  return entry.methods.includes(method) ? 'found' : { allowed: entry.methods };
}
