/**
 * Limits kind to live accounts: at most `maxRequests` requests in a run, at most `rate` a second,
 * counted per provider. Direct requests ask `take`; the in-process gateway's upstream calls go
 * through `fetch`, so the invariants' provider calls are counted and paced too.
 */

export interface Budget {
  /** Waits for the next slot; false when the request budget is spent (nothing may be sent). */
  take(provider: string): Promise<boolean>;
  /** Requests still allowed. */
  remaining(): number;
  /** Requests sent to a provider so far. */
  sent(provider: string): number;
  /** A fetch that takes a slot for each call, attributed by the URL's origin and path prefix. */
  fetch(attribute: (url: string) => string | undefined): typeof globalThis.fetch;
}

/** The error a budgeted fetch throws once the budget is spent. */
export class BudgetSpentError extends Error {
  constructor() {
    super('the --max-requests budget is spent');
    this.name = 'BudgetSpentError';
  }
}

export function createBudget(options: { maxRequests: number; rate: number; now?: () => number }): Budget {
  const now = options.now ?? Date.now;
  const spacingMs = 1000 / options.rate;
  const counts = new Map<string, number>();
  let used = 0;
  let nextSlot = 0;
  const take = async (provider: string): Promise<boolean> => {
    if (used >= options.maxRequests) return false;
    used += 1;
    counts.set(provider, (counts.get(provider) ?? 0) + 1);
    // Slots are handed out in order, so concurrent callers queue rather than burst.
    const slot = Math.max(now(), nextSlot);
    nextSlot = slot + spacingMs;
    const waitMs = slot - now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    return true;
  };
  return {
    take,
    remaining: () => options.maxRequests - used,
    sent: (provider) => counts.get(provider) ?? 0,
    fetch: (attribute) => async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!(await take(attribute(url) ?? 'gateway'))) throw new BudgetSpentError();
      return globalThis.fetch(input, init);
    },
  };
}
