/**
 * Tracing end to end: a caller's W3C traceparent is continued, every provider call (the sandbox
 * included) carries a traceparent of the same trace, and the spans reach an OTLP/HTTP receiver on
 * loopback; problem bodies and log lines name the trace.
 */
import { call, startFakeGateway, type FakeSetup } from '../native/native-gateway';
import { attribute, sandboxProviders, startConfiguredGateway, startOtlpReceiver, type OtlpReceiver, type OtlpSpan, type TelemetryGateway } from './support';

const september = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
const flexpriceQuery = { provider: 'flexprice', metric: 'api_request', customers: ['acme'], ...september };
const nativeCalculate = '/v1/native/sequence/usage-metrics/api-requests/calculate?customerAliases=acme&periodStart=2026-09-01&periodEnd=2026-09-30';
const serverKind = 2;
const clientKind = 3;

const traceparent = (traceId: string, spanId: string, flags = '01') => `00-${traceId}-${spanId}-${flags}`;
const unified = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const native = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
const refused = { traceId: 'a3ce929d0e0e47364bf92f3577b34da6', spanId: '0ba902b700f067aa' };

describe('tracing with an OTLP collector', () => {
  let receiver: OtlpReceiver;
  let setup: TelemetryGateway;
  let problem: { status: number; body: { traceId?: string; requestId?: string } };
  const ofTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
  const only = (spans: OtlpSpan[], test: (span: OtlpSpan) => boolean): OtlpSpan => {
    const found = spans.filter(test);
    expect(found).toHaveLength(1);
    return found[0] as OtlpSpan;
  };

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    setup = await startConfiguredGateway({ providers: sandboxProviders, tracing: { endpoint: receiver.endpoint, serviceName: 'gateway-under-test' } });
    const { url } = setup.gateway;
    const post = (body: unknown, parent: { traceId: string; spanId: string }) =>
      fetch(`${url}/v1/usage/query`, { method: 'POST', headers: { 'content-type': 'application/json', traceparent: traceparent(parent.traceId, parent.spanId) }, body: JSON.stringify(body) });
    expect((await post(flexpriceQuery, unified)).status).toBe(200);
    expect((await fetch(`${url}${nativeCalculate}`, { headers: { traceparent: traceparent(native.traceId, native.spanId) } })).status).toBe(200);
    const answer = await post({ ...flexpriceQuery, from: 'yesterday' }, refused);
    problem = { status: answer.status, body: (await answer.json()) as typeof problem.body };
    // Closing exports the spans still buffered.
    await setup.gateway.close();
  });
  afterAll(() => receiver.close());

  it('exports OTLP/HTTP JSON to <endpoint>/v1/traces with the configured service name', () => {
    expect(receiver.posts.length).toBeGreaterThan(0);
    expect(receiver.posts.every((post) => post.path === '/v1/traces' && post.contentType === 'application/json')).toBe(true);
    expect(new Set(receiver.spans.map((span) => span.serviceName))).toStrictEqual(new Set(['gateway-under-test']));
  });

  it('unified: the caller\'s trace holds the request span, the provider call span and the simulator\'s span, each under the one before', () => {
    const spans = ofTrace(unified.traceId);
    const server = only(spans, (span) => span.name === 'POST /v1/usage/query');
    expect([server.kind, server.parentSpanId, attribute(server, 'http.route'), attribute(server, 'http.response.status_code')])
      .toStrictEqual([serverKind, unified.spanId, '/v1/usage/query', '200']);
    const client = only(spans, (span) => span.kind === clientKind);
    expect([client.name, client.parentSpanId, attribute(client, 'usage_gateway.provider'), attribute(client, 'url.template'), attribute(client, 'http.response.status_code')])
      .toStrictEqual(['POST /events/usage', server.spanId, 'flexprice', '/events/usage', '200']);
    // The simulator continued the traceparent the provider call sent: same trace, the client span as parent.
    const simulator = only(spans, (span) => span.name === 'POST /sandbox/flexprice/*');
    expect([simulator.kind, simulator.parentSpanId]).toStrictEqual([serverKind, client.spanId]);
    expect(spans).toHaveLength(3);
  });

  it('native: the passthrough\'s call to the provider is a client span of the caller\'s trace, named by the spec operation', () => {
    const spans = ofTrace(native.traceId);
    const server = only(spans, (span) => span.kind === serverKind && span.parentSpanId === native.spanId);
    expect(server.name).toBe('GET /v1/native/{providerId}/usage-metrics/{usageMetricId}/calculate');
    const client = only(spans, (span) => span.kind === clientKind);
    expect([client.name, client.parentSpanId, attribute(client, 'usage_gateway.provider')]).toStrictEqual(['GET /usage-metrics/{usageMetricId}/calculate', server.spanId, 'sequence']);
    const simulator = only(spans, (span) => span.name === 'GET /sandbox/sequence/*');
    expect(simulator.parentSpanId).toBe(client.spanId);
  });

  it('a refused request: its problem names the trace, and its span the route and status', () => {
    expect(problem.status).toBe(400);
    expect(problem.body.traceId).toBe(refused.traceId);
    const server = only(ofTrace(refused.traceId), () => true);
    expect([server.name, attribute(server, 'http.response.status_code')]).toStrictEqual(['POST /v1/usage/query', '400']);
  });

  it('every log line of a request names its request id and trace id', () => {
    const lines = setup.logs();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect([line.msg, line.requestId, line.traceId]).toStrictEqual([line.msg, expect.any(String), expect.stringMatching(/^[0-9a-f]{32}$/)]);
    const refusedLine = lines.find((line) => line.traceId === refused.traceId);
    expect(refusedLine).toMatchObject({ msg: 'request', status: 400, requestId: problem.body.requestId });
  });
});

describe('tracing without a collector', () => {
  let setup: FakeSetup;
  beforeAll(async () => {
    setup = await startFakeGateway();
  });
  afterAll(() => setup.close());

  it('runs no exporter', () => {
    expect(setup.gateway.telemetry?.tracing?.exporting).toBe(false);
  });

  it('starts a trace per request: the provider receives a traceparent of the trace the problem and the logs name', async () => {
    setup.flexprice.respond(() => ({ status: 500, body: { error: { message: 'down for maintenance' } } }));
    const before = setup.logs.length;
    const answer = await call(`${setup.gateway.url}/v1/usage/query`, { body: flexpriceQuery });
    expect(answer.status).toBe(502);
    const traceId = answer.body.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const sent = setup.flexprice.requests.at(-1)?.headers.traceparent;
    // Not sampled: nobody asked for this trace to be recorded.
    expect(sent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
    const lines = setup.logs.slice(before);
    expect(lines.map((line) => [line.msg, line.traceId, line.requestId])).toStrictEqual(lines.map((line) => [line.msg, traceId, answer.headers.get('x-request-id')]));
    expect(lines.map((line) => line.msg)).toContain('request');
  });

  it('continues a caller\'s sampled trace on native calls, replacing the caller\'s traceparent with the gateway\'s own span', async () => {
    const taskId = 'qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2';
    setup.svix.respond(() => ({ status: 200, body: { data: {}, id: taskId, status: 'running', task: 'application.stats', updatedAt: '2026-09-01T00:00:00.000000Z' } }));
    const answer = await call(`${setup.gateway.url}/v1/native/svix/api/v1/background-task/${taskId}`, { headers: { traceparent: traceparent(native.traceId, native.spanId), tracestate: 'vendor=value' } });
    expect(answer.status).toBe(200);
    const headers = setup.svix.requests.at(-1)?.headers ?? {};
    expect(headers.traceparent).toMatch(new RegExp(`^00-${native.traceId}-[0-9a-f]{16}-01$`));
    expect(headers.traceparent).not.toContain(native.spanId);
    expect(headers.tracestate).toBe('vendor=value');
  });
});
