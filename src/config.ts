/**
 * The only reader of the environment. Parses once and reports every problem at once, each with
 * the key it concerns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const providerId = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower case letters, digits, - and _').max(64);
const url = z.url({ protocol: /^https?$/ });
const secret = z.string().min(1);

/** Retries of one upstream call: exponential backoff with full jitter (src/policies/). */
const retrySchema = z
  .object({
    /** Attempts per upstream call, the first included; 1 turns retries off. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** The first backoff's upper bound; each retry doubles it. */
    baseDelayMs: z.number().int().min(1).max(60_000).default(100),
    /** No backoff waits longer, whatever the attempt. */
    maxDelayMs: z.number().int().min(1).max(120_000).default(2_000),
  })
  .strict();

/** The circuit breaker of one provider. */
const circuitBreakerSchema = z
  .object({
    /** How long an open breaker refuses calls before letting one probe through. */
    halfOpenAfterMs: z.number().int().min(100).max(600_000).default(10_000),
    /** Consecutive failures (timeouts, 5xx, network errors) that open it. */
    failureThreshold: z.number().int().min(1).max(1_000).default(5),
  })
  .strict();

/** The bulkhead of one provider: calls in flight at once, and calls waiting for a slot. */
const bulkheadSchema = z
  .object({
    /** Upstream calls in flight at once, across every query and native request to this provider. */
    maxConcurrent: z.number().int().min(1).max(10_000).default(32),
    /** Calls waiting for a slot; past it a call is refused at once with 503. */
    maxQueued: z.number().int().min(0).max(100_000).default(128),
  })
  .strict();

const common = {
  id: providerId,
  mode: z.enum(['live', 'sandbox']).default('live'),
  baseUrl: url.optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  retry: retrySchema.default(() => retrySchema.parse({})),
  circuitBreaker: circuitBreakerSchema.default(() => circuitBreakerSchema.parse({})),
  bulkhead: bulkheadSchema.default(() => bulkheadSchema.parse({})),
  verify: z
    .object({
      /** Flexprice event names or Sequence metric ids `usage-gateway verify` asks about (Sequence lists its own when empty). */
      metrics: z.array(z.string().min(1).max(256)).max(20).default([]),
      /** Every customer of the account: per-customer figures must add up to the all-customers one. */
      customers: z.array(z.string().min(1).max(256)).max(100).default([]),
      /** A numeric event property of the first metric, so sums are checked as well as counts. */
      sumProperty: z.string().min(1).max(256).optional(),
    })
    .strict()
    .optional(),
};

const providerSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('flexprice'), apiKey: secret.optional() }).strict(),
  z.object({ ...common, type: z.literal('sequence'), clientId: secret.optional(), clientSecret: secret.optional() }).strict(),
  z.object({ ...common, type: z.literal('svix'), token: secret.optional() }).strict(),
], { error: (issue) => (issue.code === 'invalid_union' ? 'type must be one of flexprice, sequence, svix' : undefined) });

const limitsSchema = z
  .object({
    maxBodyBytes: z.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
    /**
     * Largest body the native passthrough forwards. Flexprice takes bulks of up to 1,000 events in
     * up to 32 MiB; 8 MiB fits a full bulk of events carrying several KiB of properties each.
     */
    maxNativeBodyBytes: z.number().int().min(1024).max(32 * 1024 * 1024).default(8 * 1024 * 1024),
    maxPeriodDays: z.number().int().min(1).max(3660).default(400),
    maxWindows: z.number().int().min(1).max(100_000).default(1_000),
    maxCustomers: z.number().int().min(1).max(100).default(50),
    maxUpstreamCalls: z.number().int().min(1).max(1_000).default(100),
    upstreamConcurrency: z.number().int().min(1).max(64).default(4),
    /** The whole unified query (or native request): every attempt, backoff and wait; past it, 504. */
    queryDeadlineMs: z.number().int().min(100).max(600_000).default(15_000),
  })
  .strict();

const sandboxSchema = z
  .object({
    /** Events each simulator holds at most; past it, ingest is refused whole. */
    maxEvents: z.number().int().min(1).max(50_000_000).default(5_000_000),
    /** How long a Svix stats task stays `running`. */
    svixTaskDelayMs: z.number().int().min(0).max(600_000).default(1_000),
    /** Load the demo data set at startup. */
    demoData: z.boolean().default(true),
  })
  .strict();

/** The unified API's response cache (memory, or Redis when `redis` is set). */
const cacheSchema = z
  .object({
    /**
     * How long a complete report is served from the cache; 0 turns the cache off. 30 s absorbs
     * dashboards and retries hammering the same query while keeping reports close to live usage
     * (providers ingest with seconds of lag anyway).
     */
    ttlSeconds: z.number().int().min(0).max(86_400).default(30),
    /** Entries the in-memory cache holds at most (Redis is bounded by its own maxmemory). */
    maxEntries: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .strict();

/** Inbound rate limits per gateway key (per client address without keys); off unless set. */
const rateLimitSchema = z
  .object({
    requestsPerMinute: z.number().int().min(1).max(1_000_000),
  })
  .strict();

/** Shared state for several instances: tasks, idempotency keys, the cache and rate-limit counters. */
const redisSchema = z
  .object({
    url: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }),
    /** Every key the gateway writes starts with this, so one Redis can serve other tenants too. */
    keyPrefix: z.string().min(1).max(64).default('usage-gateway:'),
    /** A Redis command not answered in this time fails (and the request fails open or gets 503). */
    commandTimeoutMs: z.number().int().min(10).max(10_000).default(250),
  })
  .strict();

const metricsSchema = z
  .object({
    /** Serve `GET /metrics` and count requests and provider calls; off, the gateway keeps no metrics. */
    enabled: z.boolean().default(true),
    /** Serve `/metrics` without a gateway key even when apiKeys are set (a scraper on a private network). */
    public: z.boolean().default(false),
  })
  .strict();

const tracingSchema = z
  .object({
    /** Give every request and provider call a span and propagate W3C `traceparent`; off, no trace ids. */
    enabled: z.boolean().default(true),
    /** OTLP/HTTP collector base URL (spans go to `<endpoint>/v1/traces`); wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
    endpoint: url.optional(),
    /** `service.name` of the exported spans; OTEL_SERVICE_NAME when set. */
    serviceName: z.string().min(1).max(128).optional(),
  })
  .strict();

const fileSchema = z
  .object({
    providers: z.array(providerSchema).default([]),
    /** Gateway API keys; when any is set, every /v1 route requires one. */
    apiKeys: z.array(z.string().min(16, 'must be at least 16 characters')).default([]),
    /** Listen beyond loopback with no apiKeys: an explicit, deliberate choice. */
    allowUnauthenticated: z.boolean().default(false),
    /** What to do with a provider response outside its spec: pass it on with a warning, or refuse it. */
    contractGuard: z.enum(['warn', 'strict']).default('warn'),
    limits: limitsSchema.default(() => limitsSchema.parse({})),
    sandbox: sandboxSchema.default(() => sandboxSchema.parse({})),
    cache: cacheSchema.default(() => cacheSchema.parse({})),
    rateLimit: rateLimitSchema.optional(),
    redis: redisSchema.optional(),
    /** On SIGTERM/SIGINT, how long in-flight requests may take to finish before they are cut. */
    shutdownGraceMs: z.number().int().min(0).max(600_000).default(10_000),
    metrics: metricsSchema.default(() => metricsSchema.parse({})),
    tracing: tracingSchema.default(() => tracingSchema.parse({})),
  })
  .strict()
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.providers.forEach((provider, index) => {
      if (seen.has(provider.id)) {
        context.addIssue({ code: 'custom', path: ['providers', index, 'id'], message: `duplicate provider id "${provider.id}"` });
      }
      seen.add(provider.id);
      if (provider.mode === 'sandbox') {
        if (provider.baseUrl) {
          context.addIssue({ code: 'custom', path: ['providers', index, 'baseUrl'], message: 'a sandbox provider uses the embedded simulator; remove baseUrl or set mode: live' });
        }
        return;
      }
      const missing =
        provider.type === 'flexprice' ? (['apiKey'] as const).filter((key) => !provider[key])
        : provider.type === 'sequence' ? (['clientId', 'clientSecret'] as const).filter((key) => !provider[key])
        : (['token'] as const).filter((key) => !provider[key]);
      for (const key of missing) {
        context.addIssue({ code: 'custom', path: ['providers', index, key], message: `required for a live ${provider.type} provider` });
      }
    });
  });

export type ProviderConfig = z.infer<typeof providerSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type SandboxSettings = z.infer<typeof sandboxSchema>;
export type CacheSettings = z.infer<typeof cacheSchema>;
export type RateLimitSettings = z.infer<typeof rateLimitSchema>;
export type RedisSettings = z.infer<typeof redisSchema>;
/** The resilience settings of one provider (src/policies/). */
export type PolicySettings = Pick<ProviderConfig, 'id' | 'timeoutMs' | 'retry' | 'circuitBreaker' | 'bulkhead'>;

/** The settings a provider gets when its config leaves them out. */
export const defaultPolicySettings = {
  retry: retrySchema.parse({}),
  circuitBreaker: circuitBreakerSchema.parse({}),
  bulkhead: bulkheadSchema.parse({}),
};

export type MetricsSettings = z.infer<typeof metricsSchema>;

/** Tracing as configured, with the collector URL resolved from the file or the standard OTEL_* variables. */
export interface TracingSettings {
  enabled: boolean;
  /** Where spans are posted (OTLP/HTTP JSON); absent: no exporter runs. */
  tracesUrl: string | undefined;
  serviceName: string;
}

export interface Config {
  port: number;
  /** Interface to listen on (`HOST`, default loopback). */
  host: string;
  /** pino level (`LOG_LEVEL`, default info). */
  logLevel: string;
  /** Absent when USAGE_GATEWAY_CONFIG is not set: the gateway then runs its sandbox providers. */
  configFile: string | undefined;
  providers: ProviderConfig[];
  limits: Limits;
  sandbox: SandboxSettings;
  apiKeys: string[];
  contractGuard: 'warn' | 'strict';
  cache: CacheSettings;
  /** Absent: no inbound rate limit. */
  rateLimit: RateLimitSettings | undefined;
  /** Absent: tasks, idempotency keys, the cache and rate limits live in this process's memory. */
  redis: RedisSettings | undefined;
  shutdownGraceMs: number;
  metrics: MetricsSettings;
  tracing: TracingSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Replaces `${NAME}` with the environment variable's value; a missing one is a problem, not "". */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, where: string, problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const found = env[name];
      if (found === undefined || found === '') problems.push(`${where}: environment variable ${name} is not set`);
      return found ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, env, `${where}.${index}`, problems));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item, env, where ? `${where}.${key}` : key, problems)]),
    );
  }
  return value;
}

function readConfigFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The collector URL: `tracing.endpoint` from the file, else the standard OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
 * (used as it is) or OTEL_EXPORTER_OTLP_ENDPOINT (a base URL, to which `/v1/traces` is appended).
 */
function tracingSettings(file: z.infer<typeof tracingSchema>, env: NodeJS.ProcessEnv, problems: string[]): TracingSettings {
  const base = (value: string) => `${value.replace(/\/+$/, '')}/v1/traces`;
  let tracesUrl = file.endpoint === undefined ? undefined : base(file.endpoint);
  for (const [name, toUrl] of [['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', (value: string) => value], ['OTEL_EXPORTER_OTLP_ENDPOINT', base]] as const) {
    const value = env[name];
    if (tracesUrl !== undefined || !value) continue;
    if (url.safeParse(value).success) tracesUrl = toUrl(value);
    else problems.push(`${name}: "${value}" is not an http(s) URL`);
  }
  return { enabled: file.enabled, tracesUrl: file.enabled ? tracesUrl : undefined, serviceName: file.serviceName ?? env.OTEL_SERVICE_NAME ?? 'usage-gateway' };
}

/** Reads `PORT` and the file named by `USAGE_GATEWAY_CONFIG`; throws one ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const portText = env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) problems.push(`PORT: "${portText}" is not a port number (0-65535)`);

  const host = env.HOST ?? '127.0.0.1';
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL: "${logLevel}" is not one of fatal, error, warn, info, debug, trace, silent`);
  }
  const configFile = env.USAGE_GATEWAY_CONFIG ? path.resolve(env.USAGE_GATEWAY_CONFIG) : undefined;
  let raw: unknown = {};
  if (configFile) {
    try {
      raw = readConfigFile(configFile) ?? {};
    } catch (error) {
      problems.push(`USAGE_GATEWAY_CONFIG: cannot read ${configFile}: ${(error as Error).message}`);
    }
  }
  const parsed = fileSchema.safeParse(interpolate(raw, env, '', problems));
  if (!parsed.success) {
    // A key whose environment variable is missing was reported already; its emptiness is no news.
    const reported = new Set(problems.map((problem) => problem.split(':')[0]));
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '(root)';
      if (!reported.has(key)) problems.push(`${key}: ${issue.message}`);
    }
  }
  if (parsed.success && parsed.data.apiKeys.length === 0 && !parsed.data.allowUnauthenticated && !isLoopback(host)) {
    problems.push(`HOST: "${host}" is not a loopback address and no apiKeys are configured; add apiKeys, or set allowUnauthenticated: true to serve without keys on purpose`);
  }
  const tracing = parsed.success ? tracingSettings(parsed.data.tracing, env, problems) : undefined;
  if (problems.length > 0 || !parsed.success || !tracing) throw new ConfigError(problems);
  const { providers, limits, sandbox, apiKeys, contractGuard, cache, rateLimit, redis, shutdownGraceMs, metrics } = parsed.data;
  return { port, host, logLevel, configFile, providers, limits, sandbox, apiKeys, contractGuard, cache, rateLimit, redis, shutdownGraceMs, metrics, tracing };
}
