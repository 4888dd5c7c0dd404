/**
 * What the explorer offers on sandbox providers when the demo data set is loaded: its period,
 * customers, metric names per provider type, and the query it opens on. Derived from the demo data
 * module so the page never suggests a metric the sandbox does not hold.
 */
import { demoCustomers, demoMetrics, demoPeriod, type DemoEvent } from '../sandbox/demo-data';

export interface ExplorerPresets {
  /** Present when the sandbox providers hold the demo data set. */
  demo: {
    from: string;
    to: string;
    customers: string[];
    /** Metric names a sandbox provider of each type answers for. */
    metrics: Record<'flexprice' | 'sequence' | 'svix', string[]>;
    /** Event properties worth aggregating, per Flexprice event name. */
    properties: Record<string, string[]>;
    /** The query the page runs on opening, against the first sandbox provider of `providerType`. */
    initial: { providerType: 'flexprice'; metric: string; aggregation: 'count'; windowSize: 'DAY' };
  } | null;
}

const eventNames = ['api_request', 'storage_snapshot'] as const satisfies readonly DemoEvent['name'][];

export function explorerPresets(demoData: boolean): ExplorerPresets {
  if (!demoData) return { demo: null };
  return {
    demo: {
      from: demoPeriod.from,
      to: demoPeriod.to,
      customers: [...demoCustomers],
      metrics: {
        flexprice: [...eventNames],
        sequence: demoMetrics.map((metric) => metric.id),
        svix: ['message_destinations'],
      },
      properties: { api_request: ['bytes', 'user_id', 'region', 'method'], storage_snapshot: ['gb'] },
      initial: { providerType: 'flexprice', metric: 'api_request', aggregation: 'count', windowSize: 'DAY' },
    },
  };
}
