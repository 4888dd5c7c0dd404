/**
 * The `multiplier` as Flexprice reads it: a shopspring `decimal.Decimal` (v1.4.0), parsed from the
 * JSON string by `NewFromString` and written back by `String()` (in error details and, on HEAD,
 * into the SQL as a literal that ClickHouse reads as a Float64).
 */

/** A decimal `coefficient × 10^exponent`. */
export interface GoDecimal {
  readonly coefficient: bigint;
  readonly exponent: number;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const integerText = /^[+-]?\d+$/;
// Past this many characters `String()` would build a string of billions of zeros; the details then
// use exponent form instead, which says the same number.
const maxPlainLength = 400;

/** `decimal.NewFromString`: an optional sign, digits with at most one `.`, an optional int32 exponent. */
export function parseGoDecimal(text: string): GoDecimal | undefined {
  let mantissa = text;
  let exponent = 0;
  const exponentAt = text.search(/[eE]/);
  if (exponentAt !== -1) {
    const exponentText = text.slice(exponentAt + 1);
    if (!integerText.test(exponentText)) return undefined;
    exponent = Number(exponentText);
    if (exponent < INT32_MIN || exponent > INT32_MAX) return undefined;
    mantissa = text.slice(0, exponentAt);
  }
  const point = mantissa.indexOf('.');
  if (point !== -1) {
    if (mantissa.indexOf('.', point + 1) !== -1) return undefined;
    exponent -= mantissa.length - point - 1;
    mantissa = mantissa.slice(0, point) + mantissa.slice(point + 1);
  }
  if (!integerText.test(mantissa) || exponent < INT32_MIN || exponent > INT32_MAX) return undefined;
  return { coefficient: BigInt(mantissa), exponent };
}

/** The sign of the decimal: -1, 0 or 1. */
export function goDecimalSign(decimal: GoDecimal): number {
  return decimal.coefficient === 0n ? 0 : decimal.coefficient < 0n ? -1 : 1;
}

/** The Float64 ClickHouse reads from the literal `String()` writes (huge literals become ±Infinity). */
export function goDecimalToNumber(decimal: GoDecimal): number {
  return Number(`${decimal.coefficient}e${decimal.exponent}`);
}

/** `Decimal.String()`: plain notation, trailing fractional zeros dropped (`-1.50` → `-1.5`, `1e2` → `100`). */
export function goDecimalString(decimal: GoDecimal): string {
  const { coefficient, exponent } = decimal;
  if (coefficient === 0n) return '0';
  const digits = (coefficient < 0n ? -coefficient : coefficient).toString();
  const sign = coefficient < 0n ? '-' : '';
  if (Math.abs(exponent) + digits.length > maxPlainLength) return `${sign}${digits}e${exponent}`;
  if (exponent >= 0) return `${sign}${digits}${'0'.repeat(exponent)}`;
  const padded = digits.padStart(-exponent + 1, '0');
  const integerPart = padded.slice(0, exponent);
  const fractionPart = padded.slice(exponent).replace(/0+$/, '');
  return `${sign}${integerPart}${fractionPart ? `.${fractionPart}` : ''}`;
}
