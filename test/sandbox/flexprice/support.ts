/** A small express app around one Flexprice simulator, and helpers to talk to it over HTTP. */
import express from 'express';
import request from 'supertest';
import { createFlexpriceSimulator, type FlexpriceSimulator } from '../../../src/sandbox/flexprice';

export const basePath = '/sandbox/flexprice/v1';
export const apiKey = 'fp-test-key';
/** Wednesday 2024-03-20, 12:00 UTC: the clock every test starts from unless it says otherwise. */
export const defaultNow = Date.parse('2024-03-20T12:00:00.000Z');

export interface Harness {
  simulator: FlexpriceSimulator;
  app: express.Express;
  /** Causes of every 5xx the simulator answered; tests expect it to stay empty. */
  failures: unknown[];
  /** Sets the clock. */
  setNow(ms: number): void;
  /** Empties the store and puts the clock back to `defaultNow` (call in `beforeEach`). */
  reset(): void;
  post(path: string, body: unknown): request.Test;
  usage(body: unknown): request.Test;
  ingestBulk(events: unknown[]): Promise<void>;
}

export function createHarness(options: { maxEvents?: number; now?: number } = {}): Harness {
  let now = options.now ?? defaultNow;
  const failures: unknown[] = [];
  const simulator = createFlexpriceSimulator({
    basePath,
    apiKeys: ['another-key', apiKey],
    maxEvents: options.maxEvents ?? 100_000,
    now: () => now,
    validateResponses: true,
    onError: (error) => failures.push(error),
  });
  const app = express();
  app.use(simulator.router);
  // What the gateway would answer for everything else: proves the router lets other paths through.
  app.use((_req, res) => {
    res.status(418).json({ passedThrough: true });
  });
  const post = (path: string, body: unknown) => request(app).post(`${basePath}${path}`).set('x-api-key', apiKey).send(body as object);
  return {
    simulator,
    app,
    failures,
    setNow: (ms) => {
      now = ms;
    },
    reset: () => {
      simulator.clear();
      now = options.now ?? defaultNow;
      failures.length = 0;
    },
    post,
    usage: (body) => post('/events/usage', body),
    async ingestBulk(events) {
      for (let start = 0; start < events.length; start += 1000) {
        const response = await post('/events/bulk', { events: events.slice(start, start + 1000) });
        if (response.status !== 202) throw new Error(`bulk ingest failed: ${response.status} ${response.text}`);
      }
    },
  };
}

/** An event of `api_request` for customer c1 at `timestamp`, with the given properties and id. */
export function event(timestamp: string, properties: Record<string, unknown> = {}, eventId?: string, extra: Record<string, unknown> = {}) {
  return {
    event_name: 'api_request',
    external_customer_id: 'c1',
    timestamp,
    properties,
    ...(eventId === undefined ? {} : { event_id: eventId }),
    ...extra,
  };
}
