/**
 * The sandbox's demo data set: deterministic (a seeded generator, fixed dates), so the numbers a
 * user sees are the same on every machine. Three customers over 60 days from 2026-09-01, API
 * requests with region, method, size and user properties, daily storage snapshots, and Svix
 * message attempts for one app per customer.
 */
export const demoPeriod = { from: '2026-09-01T00:00:00Z', to: '2026-10-31T00:00:00Z' } as const;
export const demoCustomers = ['acme', 'globex', 'initech'] as const;

export interface DemoEvent {
  id: string;
  customer: string;
  name: 'api_request' | 'storage_snapshot';
  timestamp: string;
  properties: Record<string, string | number>;
}

export interface DemoAttempts {
  app: string;
  timestamp: string;
  count: number;
}

/** Sequence usage metrics over the same events, with stable ids for the examples. */
export const demoMetrics = [
  { id: 'api-requests', name: 'API requests', eventType: 'api_request', aggregationType: 'COUNT', unit: 'requests' },
  { id: 'bytes-transferred', name: 'Bytes transferred', eventType: 'api_request', aggregationType: 'SUM', aggregationProperty: 'bytes', unit: 'bytes' },
  { id: 'active-users', name: 'Active users', eventType: 'api_request', aggregationType: 'UNIQUE', aggregationProperty: 'user_id', unit: 'users' },
] as const;

const DAY_MS = 86_400_000;
const requestsPerDay: Record<(typeof demoCustomers)[number], number> = { acme: 40, globex: 25, initech: 10 };
const regions = ['us', 'eu', 'ap'];
const methods = ['GET', 'GET', 'GET', 'POST'];

/** mulberry32: a tiny deterministic generator, enough for demo data. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

export function demoEvents(): DemoEvent[] {
  const random = seeded(20260901);
  const start = Date.parse(demoPeriod.from);
  const days = (Date.parse(demoPeriod.to) - start) / DAY_MS;
  const events: DemoEvent[] = [];
  for (let day = 0; day < days; day += 1) {
    for (const customer of demoCustomers) {
      const count = requestsPerDay[customer] + Math.floor(random() * 10) - 5;
      for (let index = 0; index < count; index += 1) {
        events.push({
          id: `evt_${customer}_${day}_${index}`,
          customer,
          name: 'api_request',
          timestamp: new Date(start + day * DAY_MS + Math.floor(random() * DAY_MS)).toISOString(),
          properties: {
            region: pick(random, regions),
            method: pick(random, methods),
            bytes: 100 + Math.floor(random() * 9_900),
            user_id: `${customer}-user-${1 + Math.floor(random() * 12)}`,
          },
        });
      }
      events.push({
        id: `snap_${customer}_${day}`,
        customer,
        name: 'storage_snapshot',
        timestamp: new Date(start + day * DAY_MS + 23 * 3_600_000).toISOString(),
        properties: { gb: Math.round((10 + day * 0.5 + random() * 5) * 100) / 100 },
      });
    }
  }
  return events;
}

export function demoAttempts(): DemoAttempts[] {
  const random = seeded(424242);
  const start = Date.parse(demoPeriod.from);
  const days = (Date.parse(demoPeriod.to) - start) / DAY_MS;
  const attempts: DemoAttempts[] = [];
  for (let day = 0; day < days; day += 1) {
    for (const app of demoCustomers) {
      attempts.push({ app, timestamp: new Date(start + day * DAY_MS + 12 * 3_600_000).toISOString(), count: 1 + Math.floor(random() * 50) });
    }
  }
  return attempts;
}
