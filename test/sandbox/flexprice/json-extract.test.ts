/** ClickHouse's JSONExtractFloat / JSONExtractString as the simulator reads properties. */
import { compareUtf8, extractFloat, extractString, readProperty } from '../../../src/sandbox/flexprice/json-extract';

describe('extractFloat', () => {
  it('reads numbers and whole numeric strings, everything else as 0', () => {
    const cases: Array<[unknown, number]> = [
      [12.5, 12.5], ['12.5', 12.5], ['1e3', 1000], ['-.5', -0.5], ['+3', 3], ['7.', 7],
      [' 3', 0], ['3 ', 0], ['abc', 0], ['', 0], [true, 0], [null, 0], [undefined, 0], [{ a: 1 }, 0], [[1], 0],
    ];
    for (const [value, expected] of cases) expect([value, extractFloat(value)]).toStrictEqual([value, expected]);
  });

  it('reads inf and nan texts, which the final value later turns into 0', () => {
    expect([extractFloat('inf'), extractFloat('-Infinity'), Number.isNaN(extractFloat('nan'))]).toStrictEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, true]);
  });
});

describe('extractString', () => {
  it('gives strings as they are, null or missing as "", numbers and booleans as their JSON text', () => {
    const cases: Array<[unknown, string]> = [
      ['us', 'us'], [null, ''], [undefined, ''], [200, '200'], [1.5, '1.5'], [1e21, '1e+21'], [1e-7, '1e-7'], [-0, '-0'],
      [true, 'true'], [false, 'false'],
    ];
    for (const [value, expected] of cases) expect([value, extractString(value)]).toStrictEqual([value, expected]);
  });

  it('gives objects and arrays as compact JSON with keys sorted', () => {
    expect(extractString({ b: [1, 'x', null], a: { d: true, c: -0 } })).toBe('{"a":{"c":-0,"d":true},"b":[1,"x",null]}');
    expect(extractString([])).toBe('[]');
    expect(extractString({})).toBe('{}');
  });

  it('handles nesting deeper than the call stack', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 20_000; level += 1) deep = [deep];
    expect(extractString(deep)).toBe(`${'['.repeat(20_000)}1${']'.repeat(20_000)}`);
  });
});

describe('helpers', () => {
  it('reads own properties only', () => {
    expect([readProperty({}, 'constructor'), readProperty({ constructor: 3 }, 'constructor')]).toStrictEqual([undefined, 3]);
  });

  it('orders strings by UTF-8 bytes (code points), not UTF-16 units', () => {
    // U+FF5E (a BMP char above the surrogates) sorts before U+1F600 in UTF-8, after it in UTF-16
    expect(['\u{1F600}', '\uFF5E', 'b', 'a', 'ab'].sort(compareUtf8)).toStrictEqual(['a', 'ab', 'b', '\uFF5E', '\u{1F600}']);
  });
});
