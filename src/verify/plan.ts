/**
 * What verify knows about one provider type: the requests it sends (generated from that
 * provider's spec), how it probes credentials, and what an answer calls for next. One file per
 * provider under targets/ implements it.
 */
import type fc from 'fast-check';
import type { OpenApiDocument } from '../specs';
import type { Exchange, RequestCase } from './model';

/** `[from, to)` in epoch milliseconds, on UTC midnights. */
export interface Period {
  from: number;
  to: number;
}

/** What a plan's requests are about. */
export interface Subjects {
  /** Flexprice event names or Sequence metric ids; Svix has its one figure. */
  metrics: string[];
  /** The account's customers (Flexprice external ids, Sequence aliases, Svix app uids); may be empty. */
  customers: string[];
  /** A numeric property of the first metric's events, when one is known (Flexprice sums). */
  sumProperty: string | undefined;
  period: Period;
}

export interface PlanContext {
  spec: OpenApiDocument;
  subjects: Subjects;
  /** Sends a checked positive case and hands back its exchange (Sequence lists its metrics so). */
  discover(request: RequestCase): Promise<Exchange | undefined>;
}

export interface ProviderPlan {
  /** A valid request per read operation, each sent without credentials and with wrong ones. */
  probes: RequestCase[];
  /** Credentials the provider cannot accept, in the headers it reads them from. */
  wrongCredentials: Record<string, string>;
  positive: fc.Arbitrary<RequestCase>;
  negative: fc.Arbitrary<RequestCase>;
  /** Ingest requests, sent only with `--allow-writes` and only to sandbox providers. */
  writes: { positive: fc.Arbitrary<RequestCase>; negative: fc.Arbitrary<RequestCase> } | undefined;
  /** The request an answer calls for next (Svix: read the task its stats request created). */
  followUp?(request: RequestCase, exchange: Exchange): RequestCase | undefined;
}

/** RFC 3339 in UTC without fractions: `2026-09-01T00:00:00Z`. */
export const instantText = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
/** A UTC date: `2026-09-01`. */
export const dateText = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Window sizes under an hour: a request in them gets at most a day, so an answer stays a few thousand windows. */
export const smallWindows: ReadonlySet<string> = new Set(['MINUTE', '15MIN', '30MIN']);
