/**
 * How the simulator reads event property values as text. Sequence stores event properties as JSON
 * and matches them as text (SQL-style `properties['name']`), so `10` and `"10"` read alike.
 */

/** The text of a scalar property value; undefined for a missing, null, object or array value. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A key under which equal values collide, for UNIQUE and grouping: scalars by their text, objects
 * and arrays by their JSON with sorted keys. Undefined for a missing or null value.
 */
export function valueKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = scalarText(value);
  return text === undefined ? `json:${canonicalJson(value)}` : `text:${text}`;
}
