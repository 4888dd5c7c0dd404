/**
 * Reads a Flexprice 200 body leniently where the server is known to be terse (it omits `value`
 * when 0 and `results` when empty) and strictly where a wrong shape would give a wrong figure.
 */
import { GatewayError } from '../../errors';
import { flexpriceAggregationTypes } from './aggregations';
import type { FlexpriceAggregationType, FlexpriceUsage } from './types';

function violation(provider: string, message: string, cause?: unknown): GatewayError {
  return new GatewayError('upstream_contract_violation', {
    detail: `${provider} answered outside its specification: ${message}`,
    provider,
    upstreamStatus: 200,
    retryable: false,
    cause,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A number, or 0 where the server left it out (null is read as left out). */
function readNumber(provider: string, value: unknown, where: string, integer: boolean): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw violation(provider, `${where} is not a number`);
  if (integer && !Number.isInteger(value)) throw violation(provider, `${where} is not a whole count`);
  return value;
}

function readType(provider: string, value: unknown): FlexpriceAggregationType | undefined {
  if (value === undefined || value === null) return undefined;
  const type = flexpriceAggregationTypes.find((known) => known === value);
  if (type === undefined) throw violation(provider, `type ${JSON.stringify(value)} is not an aggregation type`);
  return type;
}

/** Parses the text of a 200 answer; anything that is not a usage body is `upstream_contract_violation`. */
export function readFlexpriceUsage(provider: string, text: string | undefined): { usage: FlexpriceUsage; body: unknown } {
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch (error) {
    throw violation(provider, 'the body is not JSON', error);
  }
  if (!isRecord(body)) throw violation(provider, 'the body is not an object');
  const type = readType(provider, body.type);
  const integer = type === 'COUNT';
  const rawResults = body.results ?? [];
  if (!Array.isArray(rawResults)) throw violation(provider, 'results is not an array');
  const results = rawResults.map((result: unknown, index) => {
    const where = `results[${index}]`;
    if (!isRecord(result)) throw violation(provider, `${where} is not an object`);
    const start = result.window_size;
    if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) {
      throw violation(provider, `${where}.window_size is not a timestamp`);
    }
    return { window_size: start, value: readNumber(provider, result.value, `${where}.value`, integer) };
  });
  return { usage: { type, value: readNumber(provider, body.value, 'value', integer), results }, body };
}
