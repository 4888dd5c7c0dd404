/** The string-typed query parameters of calculate, read into what the calculation needs. */
import { validationError, violation } from './api-error';

/**
 * Sequence cancels an event by resending its `customerEventId` with this alias; it belongs to no
 * customer, so asking for it matches nothing.
 */
export const VOID_ALIAS = 'VOID';

/**
 * [INFERENCE] `customerAliases` is comma-separated (Sequence's convention for multi-value string
 * parameters); each alias is trimmed, empty entries are skipped, and matching stays case-sensitive.
 * The split happens after URL decoding, so `%2C` separates too (openapi-fetch encodes the commas
 * it is given); an alias holding a comma cannot be asked for.
 */
export function parseCustomerAliases(customerAliases: string): Set<string> {
  const aliases = customerAliases
    .split(',')
    .map((alias) => alias.trim())
    .filter((alias) => alias.length > 0);
  if (aliases.length === 0) {
    throw validationError([violation('customerAliases', 'customerAliases must list at least one customer alias, separated by commas')]);
  }
  return new Set(aliases.filter((alias) => alias !== VOID_ALIAS));
}

/**
 * [INFERENCE] Sequence documents no wire format for `customParameters`; it was typed `object` in
 * 2024 and parameter values are strings, so we take a JSON object of strings, e.g.
 * `{"myParam":"10"}`, and reject anything else. Parameters only feed CUSTOM metrics, which this
 * sandbox does not calculate, so for COUNT, SUM and UNIQUE they are checked and have no effect.
 */
export function parseCustomParameters(customParameters: string | undefined): Record<string, string> {
  if (customParameters === undefined) return {};
  const invalid = (reason: string) =>
    validationError([violation('customParameters', `customParameters must be a JSON object of string values, e.g. {"myParam":"10"}; ${reason}`)]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(customParameters);
  } catch {
    throw invalid('it is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('it is not an object');
  const entries = Object.entries(parsed);
  const nonString = entries.find(([, value]) => typeof value !== 'string');
  if (nonString) throw invalid(`the value of ${JSON.stringify(nonString[0])} is not a string`);
  return Object.fromEntries(entries) as Record<string, string>;
}
