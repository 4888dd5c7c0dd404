import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, defaultPolicySettings, loadConfig } from '../src/config';

const directory = mkdtempSync(path.join(tmpdir(), 'usage-gateway-config-'));
function file(name: string, text: string): string {
  const target = path.join(directory, name);
  writeFileSync(target, text);
  return target;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to port 8080 on loopback with no providers file', () => {
    const config = loadConfig({});
    expect(config).toStrictEqual({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'info',
      configFile: undefined,
      providers: [],
      limits: { maxBodyBytes: 65536, maxNativeBodyBytes: 8388608, maxPeriodDays: 400, maxWindows: 1000, maxCustomers: 50, maxUpstreamCalls: 100, upstreamConcurrency: 4, queryDeadlineMs: 15_000 },
      sandbox: { maxEvents: 5_000_000, svixTaskDelayMs: 1000, demoData: true },
      apiKeys: [],
      contractGuard: 'warn',
      cache: { ttlSeconds: 30, maxEntries: 10_000 },
      rateLimit: undefined,
      redis: undefined,
      shutdownGraceMs: 10_000,
      metrics: { enabled: true, public: false },
      tracing: { enabled: true, tracesUrl: undefined, serviceName: 'usage-gateway' },
    });
  });

  it('reads YAML with ${ENV} secrets, and several providers of one type side by side', () => {
    const configFile = file('two-regions.yaml', `
providers:
  - id: flexprice-us
    type: flexprice
    baseUrl: https://us.api.flexprice.io/v1
    apiKey: \${FP_US_KEY}
  - id: flexprice-in
    type: flexprice
    baseUrl: https://api.cloud.flexprice.io/v1
    apiKey: \${FP_IN_KEY}
    timeoutMs: 5000
  - id: billing
    type: sequence
    clientId: id-1
    clientSecret: \${SEQ_SECRET}
  - id: webhooks
    type: svix
    token: \${SVIX_TOKEN}
limits:
  maxCustomers: 10
`);
    const config = loadConfig({ USAGE_GATEWAY_CONFIG: configFile, PORT: '9090', FP_US_KEY: 'us-key', FP_IN_KEY: 'in-key', SEQ_SECRET: 's3', SVIX_TOKEN: 'sk_x.eu' });
    expect(config.port).toBe(9090);
    expect(config.providers).toStrictEqual([
      { id: 'flexprice-us', type: 'flexprice', mode: 'live', baseUrl: 'https://us.api.flexprice.io/v1', apiKey: 'us-key', timeoutMs: 10000, ...defaultPolicySettings },
      { id: 'flexprice-in', type: 'flexprice', mode: 'live', baseUrl: 'https://api.cloud.flexprice.io/v1', apiKey: 'in-key', timeoutMs: 5000, ...defaultPolicySettings },
      { id: 'billing', type: 'sequence', mode: 'live', clientId: 'id-1', clientSecret: 's3', timeoutMs: 10000, ...defaultPolicySettings },
      { id: 'webhooks', type: 'svix', mode: 'live', token: 'sk_x.eu', timeoutMs: 10000, ...defaultPolicySettings },
    ]);
    expect(config.limits.maxCustomers).toBe(10);
  });

  it('reads JSON and sandbox providers without credentials', () => {
    const configFile = file('sandbox.json', JSON.stringify({ providers: [{ id: 'fp', type: 'flexprice', mode: 'sandbox' }] }));
    expect(loadConfig({ USAGE_GATEWAY_CONFIG: configFile }).providers).toStrictEqual([
      { id: 'fp', type: 'flexprice', mode: 'sandbox', timeoutMs: 10000, ...defaultPolicySettings },
    ]);
  });

  it('reports every problem at once, each naming its key, and never a secret', () => {
    const configFile = file('broken.yaml', `
providers:
  - id: Bad Id
    type: flexprice
    apiKey: super-secret-value
  - id: seq
    type: sequence
    clientId: \${MISSING_ID}
  - id: seq
    type: svix
    token: t
    baseUrl: not a url
  - id: box
    type: svix
    mode: sandbox
    baseUrl: https://api.svix.com
  - id: other
    type: stripe
limits:
  maxWindows: 0
extra: true
`);
    const problems = problemsOf({ USAGE_GATEWAY_CONFIG: configFile, PORT: 'eighty' });
    expect(problems).toStrictEqual([
      'PORT: "eighty" is not a port number (0-65535)',
      'providers.1.clientId: environment variable MISSING_ID is not set',
      expect.stringMatching(/^providers\.0\.id: /),
      expect.stringMatching(/^providers\.2\.baseUrl: /),
      'providers.4.type: type must be one of flexprice, sequence, svix',
      expect.stringMatching(/^limits\.maxWindows: /),
      expect.stringMatching(/^\(root\): .*extra/),
    ]);
    expect(problems.join('\n')).not.toContain('super-secret-value');
  });

  it('reports cross-field problems: duplicate ids, missing live credentials, baseUrl on a sandbox provider', () => {
    const configFile = file('cross.yaml', `
providers:
  - { id: a, type: flexprice }
  - { id: a, type: sequence, clientId: x }
  - { id: b, type: svix, mode: sandbox, baseUrl: "https://api.svix.com" }
`);
    expect(problemsOf({ USAGE_GATEWAY_CONFIG: configFile })).toStrictEqual([
      'providers.0.apiKey: required for a live flexprice provider',
      'providers.1.id: duplicate provider id "a"',
      'providers.1.clientSecret: required for a live sequence provider',
      'providers.2.baseUrl: a sandbox provider uses the embedded simulator; remove baseUrl or set mode: live',
    ]);
  });

  it('refuses to listen beyond loopback without keys unless told to', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })).toStrictEqual([
      'HOST: "0.0.0.0" is not a loopback address and no apiKeys are configured; add apiKeys, or set allowUnauthenticated: true to serve without keys on purpose',
    ]);
    const withKeys = file('keys.yaml', 'apiKeys: ["${GATEWAY_KEY}"]\n');
    expect(loadConfig({ HOST: '0.0.0.0', USAGE_GATEWAY_CONFIG: withKeys, GATEWAY_KEY: 'k'.repeat(32) }).apiKeys).toStrictEqual(['k'.repeat(32)]);
    const open = file('open.yaml', 'allowUnauthenticated: true\n');
    expect(loadConfig({ HOST: '0.0.0.0', USAGE_GATEWAY_CONFIG: open }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.2' }).host).toBe('127.0.0.2');
  });

  it('refuses short gateway keys without echoing them', () => {
    const short = file('short.yaml', 'apiKeys: [short-key]\n');
    const problems = problemsOf({ USAGE_GATEWAY_CONFIG: short });
    expect(problems).toStrictEqual(['apiKeys.0: must be at least 16 characters']);
  });

  it('reports an unreadable file', () => {
    expect(problemsOf({ USAGE_GATEWAY_CONFIG: path.join(directory, 'absent.yaml') })).toStrictEqual([
      expect.stringMatching(/^USAGE_GATEWAY_CONFIG: cannot read .*absent\.yaml/),
    ]);
  });

  describe('metrics and tracing', () => {
    it('exports spans to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces, or to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given', () => {
      expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }).tracing.tracesUrl).toBe('http://127.0.0.1:4318/v1/traces');
      expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318' }).tracing.tracesUrl)
        .toBe('http://collector:4318/custom');
      expect(loadConfig({ OTEL_SERVICE_NAME: 'billing-gateway' }).tracing.serviceName).toBe('billing-gateway');
    });

    it('prefers tracing.endpoint from the file, and exports nothing with tracing turned off', () => {
      const configured = file('tracing.yaml', 'tracing: { endpoint: "http://127.0.0.1:9999", serviceName: gw }\nmetrics: { public: true }\n');
      const config = loadConfig({ USAGE_GATEWAY_CONFIG: configured, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
      expect(config.tracing).toStrictEqual({ enabled: true, tracesUrl: 'http://127.0.0.1:9999/v1/traces', serviceName: 'gw' });
      expect(config.metrics).toStrictEqual({ enabled: true, public: true });
      const off = file('tracing-off.yaml', 'tracing: { enabled: false }\nmetrics: { enabled: false }\n');
      const disabled = loadConfig({ USAGE_GATEWAY_CONFIG: off, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
      expect(disabled.tracing.tracesUrl).toBeUndefined();
      expect(disabled.metrics.enabled).toBe(false);
    });

    it('names a bad endpoint and unknown keys', () => {
      expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toStrictEqual(['OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" is not an http(s) URL']);
      const bad = file('tracing-bad.yaml', 'tracing: { endpoint: "ftp://x" }\nmetrics: { public: "yes", path: /m }\n');
      expect(problemsOf({ USAGE_GATEWAY_CONFIG: bad })).toStrictEqual([
        'metrics.public: Invalid input: expected boolean, received string',
        'metrics: Unrecognized key: "path"',
        expect.stringMatching(/^tracing\.endpoint: /),
      ]);
    });
  });
});

describe('loadConfig: resilience, cache, rate limit, Redis and shutdown settings', () => {
  it('reads each setting, with ${ENV} in the Redis URL', () => {
    const configFile = file('production.yaml', `
providers:
  - id: fp
    type: flexprice
    mode: sandbox
    retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 500 }
    circuitBreaker: { halfOpenAfterMs: 2000, failureThreshold: 3 }
    bulkhead: { maxConcurrent: 4, maxQueued: 0 }
limits: { queryDeadlineMs: 3000 }
cache: { ttlSeconds: 0 }
rateLimit: { requestsPerMinute: 600 }
redis: { url: '\${REDIS_URL}' }
shutdownGraceMs: 2000
`);
    const config = loadConfig({ USAGE_GATEWAY_CONFIG: configFile, REDIS_URL: 'rediss://user:pw@redis.internal:6380/2' });
    expect(config.providers[0]).toMatchObject({ retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 500 }, circuitBreaker: { halfOpenAfterMs: 2000, failureThreshold: 3 }, bulkhead: { maxConcurrent: 4, maxQueued: 0 } });
    expect(config.limits.queryDeadlineMs).toBe(3000);
    expect(config.cache.ttlSeconds).toBe(0);
    expect(config.rateLimit).toStrictEqual({ requestsPerMinute: 600 });
    expect(config.redis).toStrictEqual({ url: 'rediss://user:pw@redis.internal:6380/2', keyPrefix: 'usage-gateway:', commandTimeoutMs: 250 });
    expect(config.shutdownGraceMs).toBe(2000);
  });

  it('refuses a Redis URL of another scheme and out-of-range retries, naming each key', () => {
    const configFile = file('bad-production.yaml', `
providers:
  - id: fp
    type: flexprice
    mode: sandbox
    retry: { maxAttempts: 0 }
redis: { url: 'http://redis:6379' }
rateLimit: { requestsPerMinute: 0 }
`);
    expect(problemsOf({ USAGE_GATEWAY_CONFIG: configFile })).toStrictEqual([
      'providers.0.retry.maxAttempts: Too small: expected number to be >=1',
      'rateLimit.requestsPerMinute: Too small: expected number to be >=1',
      'redis.url: must be a redis:// or rediss:// URL',
    ]);
  });
});
