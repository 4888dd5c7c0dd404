/**
 * Loads an NDJSON file into a running gateway's sandbox through each provider's own ingest API.
 * Each line is `{"provider": "flexprice" | "sequence" | "svix", "event": {...}}` where `event` is
 * that provider's ingest body: a Flexprice event, a Sequence usage event, or a Svix sandbox
 * message-attempt record `{app, timestamp?, count?}`. Every line is checked before anything is
 * sent, so a bad file writes nothing.
 */
import { z } from 'zod';
import { sandboxCredentials, sandboxPaths } from './index';

const line = z.discriminatedUnion('provider', [
  z.strictObject({ provider: z.literal('flexprice'), event: z.record(z.string(), z.unknown()) }),
  z.strictObject({ provider: z.literal('sequence'), event: z.record(z.string(), z.unknown()) }),
  z.strictObject({ provider: z.literal('svix'), event: z.record(z.string(), z.unknown()) }),
]);
type Line = z.infer<typeof line>;

export interface LoadResult {
  flexprice: number;
  sequence: number;
  svix: number;
}

export class LoadError extends Error {}

/** Parses and checks every line; throws one LoadError listing the first problems by line number. */
export function parseNdjson(text: string): Line[] {
  const parsed: Line[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push(`line ${index + 1}: not valid JSON`);
      return;
    }
    const result = line.safeParse(value);
    if (result.success) parsed.push(result.data);
    else problems.push(`line ${index + 1}: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(line)'} ${issue.message}`).join('; ')}`);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    throw new LoadError(`nothing was loaded:\n${shown.join('\n')}`);
  }
  return parsed;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_value, index) => items.slice(index * size, (index + 1) * size));
}

async function post(url: string, headers: Record<string, string>, body: unknown, accepted: number): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (response.status !== accepted) {
    throw new LoadError(`${url} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  }
}

export interface LoadOptions {
  /**
   * A gateway key, required when the gateway has `apiKeys`: it is sent where each provider expects
   * its own credential, in place of the public sandbox credentials (key-exchange.ts).
   */
  gatewayKey?: string | undefined;
  /** Sequence events in flight at once (Sequence has no bulk ingest). */
  concurrency?: number;
}

/** Sends the lines to the sandbox at `origin` (e.g. `http://127.0.0.1:8080`), in bulk where the API allows. */
export async function loadIntoSandbox(lines: Line[], origin: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { gatewayKey, concurrency = 8 } = options;
  const credentials = gatewayKey === undefined
    ? sandboxCredentials
    : { apiKey: gatewayKey, clientId: gatewayKey, clientSecret: '', token: gatewayKey };
  const base = origin.replace(/\/+$/, '');
  const of = <P extends Line['provider']>(provider: P) => lines.filter((item) => item.provider === provider).map((item) => item.event);
  const flexprice = of('flexprice');
  const sequence = of('sequence');
  const svix = of('svix');

  for (const batch of chunks(flexprice, 1000)) {
    await post(`${base}${sandboxPaths.flexprice}/events/bulk`, { 'x-api-key': credentials.apiKey }, { events: batch }, 202);
  }
  // Sequence has no bulk ingest: one request per event, a few at a time.
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  let next = 0;
  const worker = async () => {
    while (next < sequence.length) {
      const event = sequence[next++];
      await post(`${base}${sandboxPaths.sequence}/usage-events`, { authorization: `Basic ${basic}`, 'sequence-version': '2024-07-30' }, event, 201);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sequence.length) }, worker));
  for (const batch of chunks(svix, 10_000)) {
    await post(`${base}${sandboxPaths.svix}/sandbox/message-attempts`, { authorization: `Bearer ${credentials.token}` }, { attempts: batch }, 202);
  }
  return { flexprice: flexprice.length, sequence: sequence.length, svix: svix.length };
}
