import { retryAfterMs, retryAfterSeconds } from '../../src/policies/retry-after';

describe('Retry-After', () => {
  const now = Date.parse('2026-09-01T00:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterMs('1', now)).toBe(1_000);
    expect(retryAfterMs(' 30 ', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Sep 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Mon, 31 Aug 2026 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is absent or unreadable', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-1', now)).toBeUndefined();
  });

  it('writes whole seconds, at least one', () => {
    expect(retryAfterSeconds(0)).toBe('1');
    expect(retryAfterSeconds(1_001)).toBe('2');
    expect(retryAfterSeconds(-50)).toBe('1');
  });
});
