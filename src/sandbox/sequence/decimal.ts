/**
 * Exact decimal addition for SUM: property values are decimals written by people ("150.035"), and
 * adding them as doubles would answer 0.30000000000000004 for 0.1 + 0.2.
 */

/** `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

// Sequence asks for numbers that "conform with ISO 31-0"; we read that as a plain decimal with a
// point (`-12`, `150.035`). Comma decimals, exponents in strings and blanks are not numbers here.
const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
// What `String(number)` produces for a finite double, exponent included (`1e+21`, `5e-324`).
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;
// Bounds the BigInt work per value; any double fits in far fewer characters.
const MAX_TEXT_LENGTH = 1000;

function build(sign: string | undefined, whole: string, fraction = '', exponent = 0): Decimal {
  const digits = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  const scale = fraction.length - exponent;
  return scale >= 0 ? { units: digits, scale } : { units: digits * 10n ** BigInt(-scale), scale: 0 };
}

/**
 * The number a property value holds: a finite JSON number, or a string holding a plain decimal
 * that a double can represent. Anything else (booleans, objects, "abc", "1,5") is not a number.
 */
export function toDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'number') {
    const match = Number.isFinite(value) ? NUMBER_TEXT.exec(String(value)) : null;
    return match ? build(match[1], match[2] ?? '0', match[3], Number(match[4] ?? 0)) : undefined;
  }
  if (typeof value !== 'string' || value.length > MAX_TEXT_LENGTH) return undefined;
  const match = PLAIN_DECIMAL.exec(value);
  if (!match || !Number.isFinite(Number(value))) return undefined;
  return build(match[1], match[2] ?? '0', match[3]);
}

/** The exact sum of decimals. */
export function addDecimals(values: Iterable<Decimal>): Decimal {
  let total: Decimal = { units: 0n, scale: 0 };
  for (const value of values) {
    const scale = Math.max(total.scale, value.scale);
    const units = total.units * 10n ** BigInt(scale - total.scale) + value.units * 10n ** BigInt(scale - value.scale);
    total = { units, scale };
  }
  return total;
}

/** The double nearest to a decimal (±Infinity past the double range). */
export function decimalToNumber(total: Decimal): number {
  const negative = total.units < 0n;
  const digits = (negative ? -total.units : total.units).toString().padStart(total.scale + 1, '0');
  const whole = digits.slice(0, digits.length - total.scale);
  const fraction = digits.slice(digits.length - total.scale);
  return Number(`${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);
}

/** The exact sum of decimals, as the nearest double (which may be ±Infinity past the double range). */
export function sumDecimals(values: Iterable<Decimal>): number {
  return decimalToNumber(addDecimals(values));
}
