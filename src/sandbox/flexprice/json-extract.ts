/**
 * ClickHouse's `JSONExtractFloat` / `JSONExtractString` over an event's properties, which is how
 * Flexprice reads a property for aggregation, filters and grouping. Keys are top-level and exact.
 */

export type EventProperties = Readonly<Record<string, unknown>>;

// `readFloatText` then an end-of-input check: the whole string must be one float.
const floatText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const specialFloatText = /^([+-]?)(inf|infinity|nan)$/i;

/** An own property, so `constructor` or `__proto__` never read the prototype's. */
export function readProperty(properties: EventProperties, key: string): unknown {
  return Object.hasOwn(properties, key) ? properties[key] : undefined;
}

/** True when a property name would hit `Object.prototype` through a plain lookup. */
export function needsOwnCheck(key: string): boolean {
  return key in Object.prototype;
}

/** `JSONExtractFloat`: numbers as they are, numeric strings parsed, anything else 0. */
export function extractFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  if (floatText.test(value)) return Number(value);
  const special = specialFloatText.exec(value);
  if (!special) return 0;
  if (special[2]?.toLowerCase() === 'nan') return Number.NaN;
  return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/**
 * `JSONExtractString` (ClickHouse 21.11+): strings as they are, a missing key or null as `""`,
 * numbers in the text Go stored them with (`1.0` → `"1"`, the same digits as JS), booleans as
 * `true`/`false`, objects and arrays as compact JSON with the keys sorted as Go's encoder wrote them.
 */
export function extractString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return compactJson(value);
}

type JsonToken = { readonly text: string } | { readonly value: unknown };

// Iterative on purpose: Go accepts properties nested 10,000 deep, past the JS call stack.
function compactJson(root: unknown): string {
  let out = '';
  const tokens: JsonToken[] = [{ value: root }];
  for (let token = tokens.pop(); token !== undefined; token = tokens.pop()) {
    if ('text' in token) {
      out += token.text;
      continue;
    }
    const { value } = token;
    if (Array.isArray(value)) {
      tokens.push({ text: ']' });
      for (let index = value.length - 1; index >= 0; index -= 1) {
        tokens.push({ value: value[index] });
        if (index > 0) tokens.push({ text: ',' });
      }
      tokens.push({ text: '[' });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).sort(compareUtf8);
      tokens.push({ text: '}' });
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] ?? '';
        tokens.push({ value: (value as Record<string, unknown>)[key] }, { text: `${JSON.stringify(key)}:` });
        if (index > 0) tokens.push({ text: ',' });
      }
      tokens.push({ text: '{' });
    } else {
      out += typeof value === 'number' && Object.is(value, -0) ? '-0' : (JSON.stringify(value) ?? 'null');
    }
  }
  return out;
}

/** Byte order of the UTF-8 encodings, which is code point order (how Go sorts keys, ClickHouse strings). */
export function compareUtf8(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const a = left.codePointAt(index) ?? 0;
    const b = right.codePointAt(index) ?? 0;
    if (a !== b) return a - b;
    if (a > 0xffff) index += 1;
  }
  return left.length - right.length;
}
