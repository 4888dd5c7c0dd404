/**
 * Gateways for the telemetry tests, built from a configuration file as an operator would write it,
 * logging through the production logger into memory; a Prometheus text parser; an OTLP/HTTP
 * receiver on loopback that collects the spans a gateway exports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config';
import { startGateway, type Gateway } from '../../src/gateway';
import { createLogger } from '../../src/telemetry/logger';

export interface TelemetryGateway {
  gateway: Gateway;
  /** Every log line written so far, as written (JSON text). */
  lines: string[];
  /** The same lines, parsed. */
  logs(): Record<string, unknown>[];
}

export async function startConfiguredGateway(config: object, env: NodeJS.ProcessEnv = {}): Promise<TelemetryGateway> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'telemetry-test-')), 'config.yaml');
  writeFileSync(file, stringify(config));
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const loaded = loadConfig({ PORT: '0', USAGE_GATEWAY_CONFIG: file, ...env });
  loaded.sandbox = { ...loaded.sandbox, svixTaskDelayMs: 60_000 };
  const gateway = await startGateway({ config: loaded, logger: createLogger({ level: 'info' }, sink), validateResponses: true });
  return { gateway, lines, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export const sandboxProviders = [
  { id: 'flexprice', type: 'flexprice', mode: 'sandbox' },
  { id: 'sequence', type: 'sequence', mode: 'sandbox' },
  { id: 'svix', type: 'svix', mode: 'sandbox' },
];

/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): Sample[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    return { name: match[1] as string, labels, value: Number(match[3]) };
  });
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sampleSum(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((total, sample) => total + sample.value, 0);
}

/** A span as OTLP/JSON encodes it (ids in hex). */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 2 server, 3 client. */
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
  status?: { code?: number };
  serviceName: string | undefined;
}

export interface OtlpReceiver {
  /** The collector base URL, as `tracing.endpoint` takes it. */
  endpoint: string;
  spans: OtlpSpan[];
  /** Request paths and content types received. */
  posts: { path: string; contentType: string | undefined }[];
  close(): Promise<void>;
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpSpan['attributes'] };
    scopeSpans?: { spans?: Omit<OtlpSpan, 'serviceName'>[] }[];
  }[];
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: OtlpSpan[] = [];
  const posts: OtlpReceiver['posts'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', contentType: req.headers['content-type'] });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const serviceName = resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value.stringValue;
        for (const scope of resourceSpans.scopeSpans ?? []) spans.push(...(scope.spans ?? []).map((span) => ({ ...span, serviceName })));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A span attribute's value, as a string. */
export function attribute(span: OtlpSpan, key: string): string | undefined {
  const value = span.attributes.find((item) => item.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : String(value.intValue));
}
