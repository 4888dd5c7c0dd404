/**
 * A metric's property filters as one predicate over event properties. Sequence documents filters
 * only as "events matching all filters are included"; the details below are [INFERENCE].
 */
import { scalarText } from './property-values';
import type { UsageMetric } from './types';

/** True when an event's properties pass every filter of the metric. */
export type PropertyPredicate = (properties: Record<string, unknown>) => boolean;

/**
 * [INFERENCE] `propertyFilters` maps a property to the values it may take: AND across properties,
 * IN within one list (an empty list matches nothing).
 * [INFERENCE] A property listed in `propertiesToNegate` turns its filter into NOT IN; an event
 * without that property (or with a null, object or array value) passes a negated filter, since it
 * holds none of the excluded values, and fails a plain one.
 * [INFERENCE] `caseSensitive: false` compares values case-insensitively; `true`, null or absent
 * compare them exactly, as "all text matching in Sequence is case-sensitive". Property names
 * always match exactly.
 */
export function compilePropertyFilters(metric: UsageMetric): PropertyPredicate {
  const fold = metric.caseSensitive === false ? (text: string) => text.toLowerCase() : (text: string) => text;
  const negated = new Set(metric.propertiesToNegate ?? []);
  const filters = Object.entries(metric.propertyFilters).map(([property, values]) => ({
    property,
    accepted: new Set(values.map(fold)),
    negate: negated.has(property),
  }));
  return (properties) =>
    filters.every(({ property, accepted, negate }) => {
      const text = Object.hasOwn(properties, property) ? scalarText(properties[property]) : undefined;
      const listed = text !== undefined && accepted.has(fold(text));
      return negate ? !listed : listed;
    });
}
