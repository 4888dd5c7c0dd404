/** The tally of one verify run: per provider and check, how many cases passed, failed or were skipped. */
import type { CheckName, Failure } from './model';

export interface CheckTally {
  check: CheckName;
  passed: number;
  failures: Failure[];
  /** Why the check did not run (fully or in part): an inapplicable provider, an exhausted budget. */
  skipped: string[];
}

export interface ProviderOutcome {
  id: string;
  type: string;
  mode: string;
  /** Requests this provider was sent, directly and through the gateway. */
  requests: number;
  checks: CheckTally[];
  /** Facts worth printing: the metrics and period used, writes left out. */
  notes: string[];
}

export interface Recorder {
  pass(check: CheckName): void;
  fail(failure: Failure): void;
  skip(check: CheckName, reason: string): void;
  note(text: string): void;
  outcome(requests: number): ProviderOutcome;
}

/** A recorder for one provider; checks appear in the order first seen. */
export function createRecorder(provider: { id: string; type: string; mode: string }): Recorder {
  const tallies = new Map<CheckName, CheckTally>();
  const notes: string[] = [];
  const tally = (check: CheckName): CheckTally => {
    let found = tallies.get(check);
    if (!found) {
      found = { check, passed: 0, failures: [], skipped: [] };
      tallies.set(check, found);
    }
    return found;
  };
  return {
    pass: (check) => {
      tally(check).passed += 1;
    },
    fail: (failure) => {
      tally(failure.check).failures.push(failure);
    },
    skip: (check, reason) => {
      const { skipped } = tally(check);
      if (!skipped.includes(reason)) skipped.push(reason);
    },
    note: (text) => {
      notes.push(text);
    },
    outcome: (requests) => ({ ...provider, requests, checks: [...tallies.values()], notes }),
  };
}

/** Whether a run passed: no check of any provider failed. */
export function allPassed(outcomes: readonly ProviderOutcome[]): boolean {
  return outcomes.every((outcome) => outcome.checks.every((check) => check.failures.length === 0));
}
