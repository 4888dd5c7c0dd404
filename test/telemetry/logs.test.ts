/**
 * The gateway's log lines: JSON, each naming its request and trace, and never holding a secret: not
 * the gateway key a caller presents, nor a provider credential a failing provider echoes back.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../src/telemetry/logger';
import { call, gatewayKey, providerSecrets, sequenceBasic, startFakeGateway, type FakeSetup } from '../native/native-gateway';

const period = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const basicGatewayKey = `Basic ${Buffer.from(`${gatewayKey}:x`).toString('base64')}`;
const secrets = [gatewayKey, basicGatewayKey.slice(6), ...Object.values(providerSecrets), sequenceBasic.slice(6)];

describe('log lines', () => {
  let setup: FakeSetup;
  beforeAll(async () => {
    setup = await startFakeGateway();
  });
  afterAll(() => setup.close());

  it('hold no secret when a caller presents the gateway key and providers echo their credentials in failures', async () => {
    const { url } = setup.gateway;
    setup.flexprice.respond((request) => ({
      status: 500,
      body: { code: 'database_error', message: `key ${String(request.headers['x-api-key'])} failed`, http_status_code: 500, details: { headers: request.headers } },
    }));
    setup.sequence.respond((request) => ({ status: 500, body: { errors: [{ key: '', error: `bad ${String(request.headers.authorization)} ${providerSecrets.sequenceClientSecret}` }] } }));
    setup.svix.respond((request) => ({ status: 401, body: { code: 'authentication_failed', detail: `token ${String(request.headers.authorization)}` } }));
    const answers = [
      await call(`${url}/v1/usage/query`, { body: { provider: 'flexprice', metric: 'api_request', customers: ['acme'], ...period } }),
      await call(`${url}/v1/usage/query`, { body: { provider: 'sequence', metric: 'api-requests', customers: ['acme'], ...period }, headers: { authorization: '', 'x-api-key': gatewayKey } }),
      await call(`${url}/v1/usage/query`, { body: { provider: 'svix', metric: 'message_destinations', customers: ['acme'], ...period }, headers: { authorization: basicGatewayKey } }),
      await call(`${url}/v1/native/flexprice/events/usage`, { body: { event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: 'acme' } }),
      await call(`${url}/v1/native/svix/api/v1/stats/usage/app`, { body: { since: '2026-09-01T00:00:00Z', until: '2026-10-01T00:00:00Z' } }),
      await call(`${url}/v1/providers`, { headers: { authorization: `Bearer ${gatewayKey}-but-wrong` } }),
    ];
    expect(answers.map((answer) => answer.status)).toStrictEqual([502, 502, 502, 500, 401, 401]);
    // The failures were logged: the 5xx problems of the unified API at warn, every request at info.
    expect(setup.logs.filter((line) => line.level === 40).length).toBeGreaterThanOrEqual(3);
    expect(setup.logs.filter((line) => line.msg === 'request')).toHaveLength(answers.length);
    for (const line of setup.logs) {
      const text = JSON.stringify(line);
      for (const secret of secrets) expect([secret, text.includes(secret)]).toStrictEqual([secret, false]);
    }
  });

  it('name the whole path of a native request on its request line', async () => {
    setup.flexprice.respond(() => ({ status: 200, body: { value: 3, event_name: 'api_request', type: 'COUNT' } }));
    const before = setup.logs.length;
    const answer = await call(`${setup.gateway.url}/v1/native/flexprice/events/usage`, { body: { event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: 'acme' } });
    const lines = setup.logs.slice(before).filter((line) => line.msg === 'request');
    expect([answer.status, lines.map((line) => [line.method, line.path, line.status])]).toStrictEqual([200, [['POST', '/v1/native/flexprice/events/usage', 200]]]);
  });

  it('name the request id and trace id on every line, the ones its answer carries', async () => {
    setup.flexprice.respond(() => ({ status: 500, body: { code: 'database_error', message: 'Failed', http_status_code: 500 } }));
    const before = setup.logs.length;
    const answer = await call(`${setup.gateway.url}/v1/usage/query`, { body: { provider: 'flexprice', metric: 'api_request', customers: ['acme'], ...period } });
    const lines = setup.logs.slice(before);
    expect(lines.map((line) => line.msg)).toStrictEqual(['flexprice answered 500: Failed', 'request']);
    for (const line of lines) expect([line.requestId, line.traceId]).toStrictEqual([answer.headers.get('x-request-id'), answer.body.traceId]);
  });
});

describe('the logger', () => {
  it('redacts credentials by pino redaction paths wherever headers or provider settings are logged', () => {
    const written: string[] = [];
    const logger = createLogger({ level: 'info' }, new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString('utf8'));
        done();
      },
    }));
    logger.child({ requestId: 'r-1' }).warn({
      headers: { authorization: 'Bearer k1', 'x-api-key': 'k2', cookie: 'k3', accept: 'application/json' },
      req: { headers: { 'proxy-authorization': 'k4' } },
      err: { request: { headers: { 'set-cookie': 'k5' } } },
      provider: { id: 'billing', apiKey: 'k6', token: 'k7', clientId: 'k8', clientSecret: 'k9' },
      apiKeys: ['k10'],
    }, 'something failed');
    expect(JSON.parse(written.join(''))).toMatchObject({
      requestId: 'r-1',
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]', accept: 'application/json' },
      req: { headers: { 'proxy-authorization': '[redacted]' } },
      err: { request: { headers: { 'set-cookie': '[redacted]' } } },
      provider: { id: 'billing', apiKey: '[redacted]', token: '[redacted]', clientId: '[redacted]', clientSecret: '[redacted]' },
      apiKeys: '[redacted]',
    });
    expect(written.join('')).not.toMatch(/"k\d+"/);
  });
});
