/**
 * The sandbox's credentials under both settings. Without gateway keys (loopback only) the fixed
 * public credentials open the simulators. With keys, the public credentials open nothing; a
 * gateway key in the provider's credential header does, and the native passthrough and the
 * sandbox-mode adapters keep working.
 */
import { call, gatewayKey, startSandboxGateway, type LoggedGateway } from '../native/native-gateway';

const period = { since: '2026-09-01T00:00:00Z', until: '2026-10-01T00:00:00Z' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface SimulatorCall {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  ok: number;
  /** Headers presenting the fixed public sandbox credential. */
  publicCredential: Record<string, string>;
  /** Headers presenting `key` where this provider expects its own credential. */
  gatewayKeyAs(key: string): Record<string, string>;
}

const simulators: SimulatorCall[] = [
  {
    name: 'flexprice', method: 'POST', path: '/sandbox/flexprice/v1/events/usage', ok: 200,
    body: { event_name: 'api_request', aggregation_type: 'COUNT', external_customer_id: 'acme', start_time: period.since, end_time: period.until },
    publicCredential: { 'x-api-key': 'sandbox-flexprice-key' },
    gatewayKeyAs: (key) => ({ 'x-api-key': key }),
  },
  {
    name: 'sequence', method: 'GET', path: '/sandbox/sequence/api/usage-metrics', ok: 200,
    publicCredential: { authorization: basic('sandbox-sequence-client', 'sandbox-sequence-secret'), 'sequence-version': '2024-07-30' },
    gatewayKeyAs: (key) => ({ authorization: basic(key, ''), 'sequence-version': '2024-07-30' }),
  },
  {
    name: 'svix', method: 'POST', path: '/sandbox/svix/api/v1/stats/usage/app', ok: 202, body: period,
    publicCredential: { authorization: 'Bearer sandbox-svix-token' },
    gatewayKeyAs: (key) => ({ authorization: `Bearer ${key}` }),
  },
];

const send = (url: string, simulator: SimulatorCall, headers: Record<string, string>) =>
  call(url + simulator.path, { method: simulator.method, body: simulator.body, headers: { authorization: '', ...headers } });

describe('sandbox credentials with gateway keys configured', () => {
  let keyed: LoggedGateway;
  beforeAll(async () => {
    keyed = await startSandboxGateway();
  });
  afterAll(() => keyed.gateway.close());

  it.each(simulators)('$name: the public credential, no credential and a wrong key are refused; a gateway key is accepted', async (simulator) => {
    const url = keyed.gateway.url;
    const statuses = [
      (await send(url, simulator, simulator.publicCredential)).status,
      (await send(url, simulator, {})).status,
      (await send(url, simulator, simulator.gatewayKeyAs(`${gatewayKey}-wrong`))).status,
      (await send(url, simulator, simulator.gatewayKeyAs(gatewayKey))).status,
    ];
    expect(statuses).toStrictEqual([401, 401, 401, simulator.ok]);
  });

  it('the sandbox-mode adapters and the native passthrough still reach every simulator', async () => {
    const url = keyed.gateway.url;
    const queries = await Promise.all(['flexprice', 'sequence', 'svix'].map((provider) => call(`${url}/v1/usage/query`, {
      body: { provider, metric: { flexprice: 'api_request', sequence: 'active-users', svix: 'message_destinations' }[provider], customers: ['acme'], from: period.since, to: period.until },
    })));
    expect(queries.map((answer) => answer.status)).toStrictEqual([200, 200, 200]);
    const native = await call(`${url}/v1/native/sequence/usage-metrics`);
    expect(native.status).toBe(200);
  });

  it('the credentials made at startup appear in no answer and no log line', async () => {
    const url = keyed.gateway.url;
    const endpoints = keyed.gateway.sandbox!.endpoints;
    const secrets = [endpoints.flexprice.apiKey, endpoints.sequence.clientId, endpoints.sequence.clientSecret, endpoints.svix.token];
    expect(secrets.some((secret) => ['sandbox-flexprice-key', 'sandbox-sequence-client', 'sandbox-svix-token'].includes(secret))).toBe(false);
    const answers = await Promise.all([
      call(`${url}/v1/providers`),
      call(`${url}/v1/native/flexprice/events/usage`, { body: { event_name: 'x', aggregation_type: 'NOPE' } }),
      call(`${url}/sandbox/flexprice/v1/events/usage`, { body: {}, headers: { authorization: '' } }),
    ]);
    const seen = answers.map((answer) => answer.text + JSON.stringify([...answer.headers])).join('\n') + JSON.stringify(keyed.logs);
    for (const secret of secrets) expect(seen).not.toContain(secret);
  });
});

describe('sandbox credentials without gateway keys (loopback only)', () => {
  let open: LoggedGateway;
  beforeAll(async () => {
    open = await startSandboxGateway({ keys: false });
  });
  afterAll(() => open.gateway.close());

  it.each(simulators)('$name: the public credential opens the simulator, no credential does not', async (simulator) => {
    const statuses = [
      (await send(open.gateway.url, simulator, simulator.publicCredential)).status,
      (await send(open.gateway.url, simulator, {})).status,
    ];
    expect(statuses).toStrictEqual([simulator.ok, 401]);
  });
});
