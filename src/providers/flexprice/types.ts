/** Names for the generated Flexprice types this adapter speaks (field names stay as Flexprice spells them). */
import type { components } from '../../../generated/flexprice';

type Schemas = components['schemas'];

/** The body of `POST /events/usage`. */
export type FlexpriceUsageRequest = Schemas['GetUsageRequest'];
/** Its 200 answer as the spec declares it (every field optional). */
export type FlexpriceUsageResponse = Schemas['GetUsageResponse'];
/** Flexprice's aggregation names (`COUNT`, `SUM_WITH_MULTIPLIER`, ...). */
export type FlexpriceAggregationType = Schemas['types.AggregationType'];

/** One call the adapter makes: for one customer (or all), windowed as asked or as one total. */
export interface FlexpriceCall {
  /** The external customer id, or undefined for every customer. */
  readonly customer: string | undefined;
  /** True for the extra unwindowed call that gives the exact total of a windowed avg or count_unique. */
  readonly total: boolean;
}

/**
 * A 200 body read leniently, in the spec's own field names: omitted `value` is 0 and omitted
 * `results` is [] (the server drops zeros and empty lists); each result has both its fields.
 */
export interface FlexpriceUsage {
  readonly type: FlexpriceUsageResponse['type'];
  readonly value: NonNullable<FlexpriceUsageResponse['value']>;
  readonly results: readonly Readonly<Required<Schemas['UsageResult']>>[];
}

/** One call's answer: the body as read and as received (for `raw`). */
export interface FlexpriceAnswer {
  readonly call: FlexpriceCall;
  readonly usage: FlexpriceUsage;
  readonly body: unknown;
}
