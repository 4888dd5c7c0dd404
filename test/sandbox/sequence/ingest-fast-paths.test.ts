/**
 * The shortcuts ingest takes for a million events give what the slow paths give: property copies
 * equal structuredClone's, timestamps kept as written equal formatInstant's, ids keep their form.
 */
import fc from 'fast-check';
import { formatInstant } from '../../../src/usage/windows';
import { cloneProperties } from '../../../src/sandbox/sequence/clone-properties';
import { isCanonicalInstant, parseDateTime } from '../../../src/sandbox/sequence/instants';
import { createUuidV7Generator } from '../../../src/sandbox/sequence/uuid-v7';

/** What a clone gave: the value, or the error it threw. */
function cloned(clone: () => unknown): unknown {
  try {
    return { value: clone() };
  } catch (error) {
    return { thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Jest finds no two invalid Dates equal, though both clones hold one. */
function hasInvalidDate(value: unknown): boolean {
  if (value instanceof Date) return Number.isNaN(value.getTime());
  if (value instanceof Map) return [...value.entries()].some(hasInvalidDate);
  if (value instanceof Set) return [...value].some(hasInvalidDate);
  return typeof value === 'object' && value !== null && Object.values(value).some(hasInvalidDate);
}

const anyValue = fc
  .anything({ withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withBigInt: true, withTypedArray: true })
  .filter((value) => !hasInvalidDate(value));

describe('cloneProperties', () => {
  it('equals structuredClone for any value, and shares no object with it', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(cloned(() => cloneProperties(value))).toStrictEqual(cloned(() => structuredClone(value)));
        if (typeof value === 'object' && value !== null) expect(cloneProperties(value)).not.toBe(value);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a reference shared within one value shared in the copy', () => {
    const shared = { unit: 'ms' };
    const copy = cloneProperties({ first: shared, second: shared, zero: -0 });
    expect(copy.first).toBe(copy.second);
    expect(copy.first).not.toBe(shared);
    expect(Object.is(copy.zero, -0)).toBe(true);
  });

  it('keeps a cycle, reads an accessor once, and copies an array property beside the indices', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    const copy = cloneProperties(cyclic);
    expect(copy['self']).toBe(copy);
    let reads = 0;
    const accessor = Object.defineProperty({}, 'lazy', { enumerable: true, get: () => (reads += 1) });
    expect({ copied: cloneProperties({ accessor }), reads }).toStrictEqual({ copied: { accessor: { lazy: 1 } }, reads: 1 });
    const tagged = Object.assign([1, 2], { tag: 'x' });
    expect(Object.entries(cloneProperties(tagged))).toStrictEqual([['0', 1], ['1', 2], ['tag', 'x']]);
  });

  it('defines an own __proto__ key as a property, and throws DataCloneError for a function', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "kept": 1}') as Record<string, unknown>;
    const copy = cloneProperties(parsed);
    const ownProto: unknown = Object.getOwnPropertyDescriptor(copy, '__proto__')?.value;
    expect({ keys: Object.keys(copy), ownProto, inherited: 'polluted' in copy }).toStrictEqual({ keys: ['__proto__', 'kept'], ownProto: { polluted: true }, inherited: false });
    expect(() => cloneProperties({ callback: () => 1 })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  });
});

/** The instants written with a four-digit year, 0000-01-01 to 9999-12-31. */
const YEAR_0 = Date.parse('0000-01-01T00:00:00Z');
const YEAR_10000 = Date.UTC(10000, 0, 1);

describe('timestamps kept as written', () => {
  it('every instant formatInstant writes is canonical and reads back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: YEAR_0, max: YEAR_10000 - 1 }), (ms) => {
        const text = formatInstant(ms);
        expect({ ms: parseDateTime(text), canonical: isCanonicalInstant(text) }).toStrictEqual({ ms, canonical: true });
      }),
      { numRuns: 500 },
    );
  });

  const part = (max: number, width: number) => fc.integer({ min: 0, max }).map((value) => String(value).padStart(width, '0'));
  const writtenDateTime = fc
    .tuple(
      part(9999, 4),
      part(13, 2),
      part(32, 2),
      fc.constantFrom('T', 't', ' '),
      part(24, 2),
      part(60, 2),
      part(61, 2),
      fc.constantFrom('', '.0', '.5', '.25', '.000', '.001', '.123', '.1234', '.0000001'),
      fc.constantFrom('Z', 'z', '+00:00', '-02', '+0530', 'Zz', ''),
    )
    .map(([year, month, day, separator, hour, minute, second, fraction, zone]) => `${year}-${month}-${day}${separator}${hour}:${minute}:${second}${fraction}${zone}`);

  it('a date-time read as canonical is exactly what formatInstant writes for it', () => {
    fc.assert(
      fc.property(writtenDateTime, (text) => {
        const ms = parseDateTime(text);
        if (ms !== undefined && isCanonicalInstant(text)) expect(formatInstant(ms)).toBe(text);
        if (ms !== undefined && formatInstant(ms) === text) expect(isCanonicalInstant(text)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['2024-03-01T10:00:00Z', true],
    ['2024-03-01T10:00:00.250Z', true],
    ['2024-03-01T10:00:00.000Z', false],
    ['2024-03-01T10:00:00.25Z', false],
    ['2024-03-01T10:00:00.2500Z', false],
    ['2016-12-31T23:59:60Z', false],
    ['2024-03-01t10:00:00Z', false],
    ['2024-03-01T10:00:00+0530', false],
  ])('%s canonical: %s', (text, canonical) => {
    expect(parseDateTime(text)).not.toBeUndefined();
    expect(isCanonicalInstant(text)).toBe(canonical);
  });
});

describe('UUIDv7 text', () => {
  it('is lowercase 8-4-4-4-12 hex with version 7, the RFC 4122 variant, and the clock in its first 48 bits', () => {
    let clock = 1_700_000_000_000;
    const next = createUuidV7Generator(() => (clock += 1));
    const ids = Array.from({ length: 2000 }, () => next());
    for (const [index, id] of ids.entries()) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(1_700_000_000_001 + index);
    }
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(2000);
  });
});
