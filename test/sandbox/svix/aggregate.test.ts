import { buildAttemptIndex, computeAppStats, countAttemptsBetween, lowerBound } from '../../../src/sandbox/svix/aggregate';

// Attempts: 2 at t=10, 1 at t=20, 5 at t=30 (inserted out of order on purpose).
const index = buildAttemptIndex(new Map([[30, 5], [10, 2], [20, 1]]));

describe('buildAttemptIndex', () => {
  it('sorts times and keeps running totals', () => {
    expect([...index.times]).toStrictEqual([10, 20, 30]);
    expect([...index.prefix]).toStrictEqual([0, 2, 3, 8]);
  });
});

describe('lowerBound', () => {
  it.each([[0, 0], [10, 0], [11, 1], [20, 1], [30, 2], [31, 3]])('places %i at %i', (value, position) => {
    expect(lowerBound(index.times, value)).toBe(position);
  });
});

describe('countAttemptsBetween', () => {
  it.each([
    [10, 30, 3], // 2 + 1; the attempts at 30 are at the excluded upper bound
    [10, 31, 8],
    [11, 30, 1],
    [0, 10, 0],
    [30, 30, 0],
    [31, 10, 0],
    [-1e15, 1e15, 8],
  ])('counts [%i, %i) as %i', (since, until, expected) => {
    expect(countAttemptsBetween(index, since, until)).toBe(expected);
  });

  it('counts nothing in an empty index', () => {
    expect(countAttemptsBetween(buildAttemptIndex(new Map()), 0, 100)).toBe(0);
  });
});

describe('computeAppStats', () => {
  it('keeps the given order and lists applications without attempts as 0', () => {
    const empty = buildAttemptIndex(new Map());
    expect(
      computeAppStats(
        [
          { id: 'app_b', uid: null, index: empty },
          { id: 'app_a', uid: 'acme', index },
        ],
        10,
        21,
      ),
    ).toStrictEqual([
      { appId: 'app_b', appUid: null, messageDestinations: 0 },
      { appId: 'app_a', appUid: 'acme', messageDestinations: 3 },
    ]);
  });
});
