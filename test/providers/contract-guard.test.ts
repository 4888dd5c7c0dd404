/**
 * The contract guard on its own: which provider answers depart from the provider's spec, and how.
 */
import { contractViolationError, contractWarning, createContractGuard, type ProviderResponse } from '../../src/providers/contract-guard';

const guard = createContractGuard({ mode: 'warn', specs: ['flexprice', 'sequence', 'svix', 'flexprice'] });
const json = 'application/json; charset=utf-8';
const answer = (method: string, path: string, status: number, body: unknown, contentType: string | null = json): ProviderResponse => ({
  method, path, status, contentType, body: typeof body === 'string' ? body : JSON.stringify(body),
});
const flexpriceUsage = (status: number, body: unknown, contentType?: string | null) => answer('POST', '/events/usage', status, body, contentType);
const task = { id: 'qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2', status: 'running', task: 'application.stats', updatedAt: '2026-09-01T00:00:00.000000Z' };

describe('createContractGuard', () => {
  it('keeps its mode', () => {
    expect(createContractGuard({ mode: 'strict', specs: [] }).mode).toBe('strict');
  });

  describe('conforming answers', () => {
    it.each([
      ['Flexprice 200, terse as Flexprice is', flexpriceUsage(200, { event_name: 'api_request', type: 'COUNT' })],
      ['Flexprice 400 error body', flexpriceUsage(400, { code: 'validation_error', message: 'Please check the request payload', http_status_code: 400 })],
      ['Sequence 200 with nullable fields null', answer('GET', '/usage-metrics/m%201/calculate', 200, { name: 'n', metricType: 'SIMPLE', eventType: 'e', aggregationType: 'SUM', eventCount: 2, value: 1.5, unit: null, minEventId: null, maxEventId: null })],
      ['Svix 202 on the trailing-slash path', answer('POST', '/api/v1/stats/usage/app/', 202, { ...task, unresolvedAppIds: [] })],
      ['Svix 422 validation error', answer('POST', '/api/v1/stats/usage/app', 422, { detail: [{ loc: ['body', 'appIds'], msg: 'none resolved', type: 'value_error' }] })],
      ['an undeclared 503 from a proxy', answer('GET', `/api/v1/background-task/${task.id}`, 503, '<html>down</html>', 'text/html')],
      ['an undeclared 429 from a rate limiter', flexpriceUsage(429, '', null)],
      ['a path the spec has no operation for', answer('GET', '/api/v1/app', 200, 'anything', 'text/plain')],
    ])('%s: no violations', (_label, response) => {
      expect(guard.check(response.path.startsWith('/events') ? 'flexprice' : response.path.startsWith('/usage') ? 'sequence' : 'svix', response)).toStrictEqual([]);
    });
  });

  describe('violations', () => {
    it('body fields of the wrong type or outside an enum, each with its path', () => {
      expect(guard.check('flexprice', flexpriceUsage(200, { value: '12', type: 'BOGUS', results: [{ window_size: 5, value: 1 }] }))).toStrictEqual([
        { path: '/body/results/0/window_size', message: 'must be string' },
        { path: '/body/type', message: 'must be one of: COUNT, SUM, AVG, COUNT_UNIQUE, LATEST, SUM_WITH_MULTIPLIER, MAX, WEIGHTED_SUM' },
        { path: '/body/value', message: 'must be number' },
      ]);
    });

    it('missing required fields, each named', () => {
      expect(guard.check('sequence', answer('GET', '/usage-metrics/m1/calculate', 200, { aggregationType: 'COUNT', eventCount: 1.5, value: 3 }))).toStrictEqual([
        { path: '/body/eventType', message: 'is required' },
        { path: '/body/metricType', message: 'is required' },
        { path: '/body/name', message: 'is required' },
        { path: '/body/eventCount', message: 'must be integer' },
      ]);
    });

    it('patterns and formats of an OpenAPI 3.1 spec', () => {
      const body = { ...task, status: 'done', updatedAt: 'yesterday', unresolvedAppIds: ['not an id!'] };
      expect(guard.check('svix', answer('POST', '/api/v1/stats/usage/app', 202, body))).toStrictEqual([
        { path: '/body/status', message: 'must be one of: running, finished, failed' },
        { path: '/body/unresolvedAppIds/0', message: 'must match pattern "^[a-zA-Z0-9\\-_.]+$"' },
        { path: '/body/updatedAt', message: 'must match format "date-time"' },
      ]);
    });

    it('error bodies are checked against the error schema declared for their status', () => {
      expect(guard.check('flexprice', flexpriceUsage(400, { code: 'teapot', message: 7 }))).toStrictEqual([
        { path: '/body/code', message: 'must be one of: not_found, already_exists, version_conflict, validation_error, invalid_operation, permission_denied, http_client_error, database_error, system_error, internal_error, service_unavailable' },
        { path: '/body/message', message: 'must be string' },
      ]);
      expect(guard.check('svix', answer('GET', `/api/v1/background-task/${task.id}`, 404, { message: 'not found' }))).toStrictEqual([
        { path: '/body/code', message: 'is required' },
        { path: '/body/detail', message: 'is required' },
      ]);
    });

    it('a status the operation does not declare', () => {
      expect(guard.check('svix', answer('GET', `/api/v1/background-task/${task.id}`, 201, task))).toStrictEqual([
        { path: '/status', message: '201 is not declared for GET /api/v1/background-task/{task_id} (declared: 200, 400, 401, 403, 404, 409, 422, 429)' },
      ]);
    });

    it('a media type the spec does not declare, or none', () => {
      expect(guard.check('flexprice', flexpriceUsage(200, '<html>oops</html>', 'text/html'))).toStrictEqual([
        { path: '/headers/content-type', message: 'is text/html; the spec declares application/json' },
      ]);
      expect(guard.check('flexprice', flexpriceUsage(500, 'oops', null))).toStrictEqual([
        { path: '/headers/content-type', message: 'is missing; the spec declares application/json' },
      ]);
    });

    it('an empty or unparsable JSON body', () => {
      expect(guard.check('flexprice', flexpriceUsage(200, ''))).toStrictEqual([{ path: '/body', message: 'is empty; the spec declares application/json content' }]);
      expect(guard.check('flexprice', flexpriceUsage(200, '{"value":'))).toStrictEqual([{ path: '/body', message: 'is not valid JSON' }]);
    });

    it('lists at most 50 violations and counts the rest', () => {
      const results = Array.from({ length: 60 }, () => ({ window_size: '2026-09-01T00:00:00Z', value: 'x' }));
      const violations = guard.check('flexprice', flexpriceUsage(200, { results }));
      expect(violations).toHaveLength(51);
      expect(violations[49]).toStrictEqual({ path: '/body/results/49/value', message: 'must be number' });
      expect(violations[50]).toStrictEqual({ path: '/body', message: 'and 10 more violations' });
    });
  });
});

describe('contractWarning', () => {
  it('summarises the first violation and counts the others', () => {
    expect(contractWarning('svix', [{ path: '/body/status', message: 'must be one of: running' }, { path: '/body/id', message: 'is required' }]))
      .toBe('199 usage-gateway "svix answered outside its spec: /body/status: must be one of: running (and 1 more)"');
  });

  it('stays a valid quoted-string whatever the violation says', () => {
    const warning = contractWarning('flexprice', [{ path: '/body/"x\\y"', message: `é\r\n${'z'.repeat(400)}` }]);
    expect(warning).toMatch(/^199 usage-gateway "[\x20-\x21\x23-\x5b\x5d-\x7e]{1,300}"$/);
    expect(warning.startsWith(`199 usage-gateway "flexprice answered outside its spec: /body/'x'y': ???zzz`)).toBe(true);
  });
});

describe('contractViolationError', () => {
  it('is a 502 upstream_contract_violation listing every violation', () => {
    const violations = [{ path: '/body/value', message: 'must be number' }, { path: '/status', message: '201 is not declared' }];
    const error = contractViolationError('flexprice', 200, violations);
    expect(error.toProblem('req-1')).toStrictEqual({
      type: 'https://usage-gateway.dev/problems/upstream-contract-violation',
      title: 'The provider answered outside its specification',
      status: 502,
      detail: 'flexprice answered 200 outside its specification: /body/value: must be number (and 1 more)',
      code: 'upstream_contract_violation',
      errors: violations,
      requestId: 'req-1',
      provider: 'flexprice',
      upstreamStatus: 200,
      retryable: false,
    });
  });
});
