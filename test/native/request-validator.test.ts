/**
 * compileRequestValidators over a small spec using what the provider specs do not (yet): query
 * parameters without allowReserved or allowEmptyValue, required headers, path-level parameters,
 * optional bodies, and the parameter and media types it refuses to compile rather than let through.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { specOperations } from '../../src/providers/spec-operations';
import type { OpenApiDocument } from '../../src/specs';
import { compileRequestValidators, type NativeRequest } from '../../src/native/request-validator';

const itemSchema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };

function document(paths: Record<string, unknown>): OpenApiDocument {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths, components: { schemas: { Item: itemSchema } } } as OpenApiDocument;
}

const spec = document({
  '/items/{itemId}': {
    parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
    get: {
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string' } },
        { name: 'flag', in: 'query', schema: { type: 'boolean' } },
        { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string', minLength: 3 } },
      ],
      responses: {},
    },
    put: {
      requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
      responses: {},
    },
  },
});

function validator(method: string, forSpec = spec) {
  const operations = specOperations(forSpec);
  const operation = operations.find((candidate) => candidate.method === method);
  if (!operation) throw new Error(`no ${method} operation`);
  const validate = compileRequestValidators(forSpec, '/v1/native/test', operations).get(operation);
  if (!validate) throw new Error('not compiled');
  return (request: Partial<NativeRequest> & { headers?: IncomingHttpHeaders }) => {
    const refusal = validate({ path: '/items/7', rawQuery: '', query: {}, headers: { 'x-tenant': 'acme' }, body: undefined, ...request });
    return refusal && { status: refusal.status, code: refusal.code, errors: refusal.errors };
  };
}

describe('compileRequestValidators', () => {
  const get = validator('GET');
  const put = validator('PUT');

  it('accepts a request that conforms, path-level parameters included', () => {
    expect(get({ rawQuery: 'q=x&flag=true', query: { q: 'x', flag: 'true' } })).toBeUndefined();
  });

  it('checks path parameters as their schema type, after percent-decoding', () => {
    expect(get({ path: '/items/0' })?.errors).toStrictEqual([{ path: '/path/itemId', message: 'must be >= 1' }]);
    expect(get({ path: '/items/seven' })?.errors).toStrictEqual([{ path: '/path/itemId', message: 'must be integer' }]);
    expect(get({ path: '/items/%37' })).toBeUndefined();
  });

  it('refuses a reserved character that was not percent-encoded where the spec does not allow it', () => {
    expect(get({ rawQuery: 'q=a:b', query: { q: 'a:b' } })?.errors).toStrictEqual([
      { path: '/query/q', message: "Parameter 'q' must be url encoded. Its value may not contain reserved characters." },
    ]);
    expect(get({ rawQuery: 'q=a%3Ab', query: { q: 'a:b' } })).toBeUndefined();
  });

  it('refuses an empty value where the spec does not allow one', () => {
    expect(get({ rawQuery: 'q=', query: { q: '' } })?.errors).toStrictEqual([{ path: '/query/q', message: "Empty value found for query parameter 'q'" }]);
  });

  it('coerces query values to their types and refuses what does not convert', () => {
    expect(get({ rawQuery: 'flag=maybe', query: { flag: 'maybe' } })?.errors).toStrictEqual([{ path: '/query/flag', message: 'must be boolean' }]);
  });

  it('checks header parameters by their lower-case name, required ones included', () => {
    expect(get({ headers: {} })?.errors).toStrictEqual([{ path: '/headers/x-tenant', message: "must have required property 'x-tenant'" }]);
    expect(get({ headers: { 'x-tenant': 'ab' } })?.errors).toStrictEqual([{ path: '/headers/x-tenant', message: 'must NOT have fewer than 3 characters' }]);
  });

  it('an optional body may be left out, without a media type; one that is sent is checked', () => {
    expect(put({})).toBeUndefined();
    expect(put({ headers: { 'content-type': 'application/json' }, body: {} })?.errors).toStrictEqual([{ path: '/body/name', message: "must have required property 'name'" }]);
    expect(put({ headers: { 'content-type': 'text/csv' }, body: undefined })).toStrictEqual({
      status: 415, code: 'unsupported_media_type', errors: [{ path: '/v1/native/test/items/:itemId', message: 'unsupported media type text/csv' }],
    });
  });

  it.each([
    ['a cookie parameter', { name: 'session', in: 'cookie', schema: { type: 'string' } }],
    ['an array query parameter', { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'string' } } }],
    ['an object query parameter', { name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object' } }],
    ['a parameter with content instead of a schema', { name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } }],
  ])('refuses to compile %s rather than let it through unchecked', (_name, parameter) => {
    const unsupported = document({ '/things': { get: { parameters: [parameter], responses: {} } } });
    expect(() => validator('GET', unsupported)).toThrow(`GET /things: parameter "${parameter.name}" in ${parameter.in} is not a primitive path, query or header parameter`);
  });

  it('refuses to compile a body that is not JSON, which the passthrough could neither read nor forward', () => {
    const form = document({ '/things': { post: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } }, responses: {} } } });
    expect(() => validator('POST', form)).toThrow('POST /things: request media type application/x-www-form-urlencoded is not JSON');
  });
});
