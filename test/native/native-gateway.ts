/**
 * Gateways for the native tests: one over the sandbox with a gateway API key, and one whose three
 * providers are live-mode fakes (test/helpers/fake-upstream.ts) that count and record every call
 * and answer as scripted. Both log into memory, so tests can read the log lines.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config';
import { startGateway, type Gateway } from '../../src/gateway';
import { createLogger } from '../../src/telemetry/logger';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';

/** The gateway key callers present; at least 16 characters, as config requires. */
export const gatewayKey = 'native-test-gateway-key-0001';

/** The providers' own credentials in the fake setup: callers must never see them. */
export const providerSecrets = {
  flexpriceApiKey: 'flexprice-secret-api-key-77',
  sequenceClientId: 'sequence-client-id-88',
  sequenceClientSecret: 'sequence-client-secret-99',
  svixToken: 'svix-secret-token-66',
} as const;

export const sequenceBasic = `Basic ${Buffer.from(`${providerSecrets.sequenceClientId}:${providerSecrets.sequenceClientSecret}`).toString('base64')}`;

export interface LoggedGateway {
  gateway: Gateway;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
}

function writeConfig(config: object): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'native-test-')), 'config.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

async function startLogged(config: object, settings: { svixTaskDelayMs?: number } = {}): Promise<LoggedGateway> {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const loaded = loadConfig({ PORT: '0', USAGE_GATEWAY_CONFIG: writeConfig(config) });
  loaded.sandbox = { ...loaded.sandbox, ...settings };
  const gateway = await startGateway({ config: loaded, logger: createLogger({ level: 'info' }, sink), validateResponses: true });
  return { gateway, logs };
}

/** The three sandbox providers behind a gateway that requires `gatewayKey` (or none, with `keys: false`). */
export function startSandboxGateway(options: { keys?: boolean } = {}): Promise<LoggedGateway> {
  return startLogged({
    ...(options.keys === false ? {} : { apiKeys: [gatewayKey] }),
    providers: [
      { id: 'flexprice', type: 'flexprice', mode: 'sandbox' },
      { id: 'sequence', type: 'sequence', mode: 'sandbox' },
      { id: 'svix', type: 'svix', mode: 'sandbox' },
    ],
  }, { svixTaskDelayMs: 100 });
}

export interface FakeSetup extends LoggedGateway {
  flexprice: FakeUpstream;
  sequence: FakeUpstream;
  svix: FakeUpstream;
  /** Upstream calls received by all three fakes together. */
  upstreamCalls(): number;
  close(): Promise<void>;
}

/** Three live providers at fake upstreams, behind a gateway with the given guard mode and limits. */
export async function startFakeGateway(options: { contractGuard?: 'warn' | 'strict'; maxNativeBodyBytes?: number; timeoutMs?: number; retries?: boolean } = {}): Promise<FakeSetup> {
  const [flexprice, sequence, svix] = await Promise.all([
    startFakeUpstream('flexprice', '/v1'),
    startFakeUpstream('sequence', '/api'),
    startFakeUpstream('svix'),
  ]);
  // `retries: false`: every call is tried once, so each scripted answer is seen once.
  const common = { timeoutMs: options.timeoutMs ?? 5000, ...(options.retries === false ? { retry: { maxAttempts: 1 } } : {}) };
  const logged = await startLogged({
    apiKeys: [gatewayKey],
    contractGuard: options.contractGuard ?? 'warn',
    // The fakes' scripted answers change from test to test: every query must reach them.
    cache: { ttlSeconds: 0 },
    ...(options.maxNativeBodyBytes === undefined ? {} : { limits: { maxNativeBodyBytes: options.maxNativeBodyBytes } }),
    providers: [
      { id: 'flexprice', type: 'flexprice', baseUrl: flexprice.baseUrl, apiKey: providerSecrets.flexpriceApiKey, ...common },
      { id: 'sequence', type: 'sequence', baseUrl: sequence.baseUrl, clientId: providerSecrets.sequenceClientId, clientSecret: providerSecrets.sequenceClientSecret, ...common },
      { id: 'svix', type: 'svix', baseUrl: svix.baseUrl, token: providerSecrets.svixToken, ...common },
    ],
  });
  return {
    ...logged,
    flexprice,
    sequence,
    svix,
    upstreamCalls: () => flexprice.requests.length + sequence.requests.length + svix.requests.length,
    close: async () => {
      await logged.gateway.close();
      await Promise.all([flexprice.close(), sequence.close(), svix.close()]);
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON the gateway answers
type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Json;
}

/** A call with the gateway key as Bearer (set `authorization` to present it another way, or to '' to send none). */
export async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const json = init.body !== undefined && typeof init.body !== 'string';
  const headers = { authorization: `Bearer ${gatewayKey}`, ...(json ? { 'content-type': 'application/json' } : {}), ...init.headers };
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    // An empty value leaves the header out (e.g. no Bearer when the key goes as x-api-key).
    headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')),
    body: json ? JSON.stringify(init.body) : (init.body as string | undefined),
  });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  return { status: response.status, headers: response.headers, text, body: isJson && text ? JSON.parse(text) : undefined };
}

/**
 * A request whose path goes out byte for byte (fetch would resolve `..` and `%2e%2e` first, and
 * sends no absolute URL as the target): a GET, or a JSON POST when `body` is given.
 */
export function rawPathCall(origin: string, rawPath: string, body?: Json): Promise<{ status: number; body: Json }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${gatewayKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const outgoing = httpRequest({ hostname, port, method: body === undefined ? 'GET' : 'POST', path: rawPath, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Raw bytes on a socket, for requests no HTTP client will send (CR/LF inside a header value). */
export function rawSocketCall(origin: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}
