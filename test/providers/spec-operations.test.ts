/**
 * Matching a concrete request path to a spec operation, as the native passthrough and the contract
 * guard do: literal paths, templates, the literal-over-template rule, 404 and 405.
 */
import { operationMatcher, specOperations } from '../../src/providers/spec-operations';
import type { OpenApiDocument } from '../../src/specs';

const spec = {
  openapi: '3.1.0',
  info: { title: 'items', version: '1' },
  paths: {
    '/items/{id}': { get: { responses: {} }, delete: { responses: {} } },
    '/items/new': { get: { responses: {} }, post: { responses: {} } },
    '/items': { get: { responses: {} } },
    '/items/': { put: { responses: {} } },
    '/items/{id}/parts/{part}': { get: { responses: {} } },
  },
} as unknown as OpenApiDocument;

const match = operationMatcher(specOperations(spec));
const found = (method: string, path: string) => {
  const result = match(method, path);
  return result.kind === 'found' ? `${result.operation.method} ${result.operation.template}` : result;
};

describe('operationMatcher', () => {
  it('finds literal paths, and templates with one non-empty segment per parameter', () => {
    expect(found('GET', '/items')).toBe('GET /items');
    expect(found('put', '/items/')).toBe('PUT /items/');
    expect(found('GET', '/items/42')).toBe('GET /items/{id}');
    expect(found('GET', '/items/42/parts/a%20b')).toBe('GET /items/{id}/parts/{part}');
  });

  it('prefers a literal path over a template that also fits it', () => {
    expect(found('GET', '/items/new')).toBe('GET /items/new');
    expect(found('DELETE', '/items/new')).toBe('DELETE /items/{id}');
  });

  it('answers 405 with the methods at that path in document order, literal and templated together', () => {
    expect(match('PATCH', '/items/new')).toStrictEqual({ kind: 'method_not_allowed', allowed: ['GET', 'DELETE', 'POST'] });
    expect(match('POST', '/items')).toStrictEqual({ kind: 'method_not_allowed', allowed: ['GET'] });
  });

  it('finds nothing for other paths: other letter case, an empty parameter, extra segments', () => {
    for (const path of ['/Items', '/items//parts/x', '/items/42/parts', '/items/42/parts/x/y', '', '/']) {
      expect([path, match('GET', path)]).toStrictEqual([path, { kind: 'missing' }]);
    }
  });
});
