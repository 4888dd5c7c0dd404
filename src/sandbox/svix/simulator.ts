/**
 * `createSvixSimulator`: a Svix stand-in computing real usage statistics from recorded message
 * attempts. It serves Svix's `stats/usage/app` and `background-task` operations (plus small
 * sandbox routes to create applications and record attempts) and offers the same writes in code
 * for seeding. Time comes only from the injected clock.
 */
import type { Router } from 'express';
import type { SimulatorLogger } from './error-handler';
import type { RandomBytes } from './ids';
import { createIdempotencyCache } from './idempotency';
import { createSandboxApp, recordSandboxAttempts, toSandboxAppOut, type SandboxAppOut, type SandboxAttemptsOut } from './ingest';
import type { SandboxAppIn, SandboxAttemptIn, SandboxAttemptsBulkIn } from './ingest-schemas';
import { createSvixRouter } from './router';
import { createSvixStore } from './store';
import { createTaskStore } from './tasks';

export interface SvixSimulatorOptions {
  /** Where the router answers, e.g. `/sandbox/svix`; Svix's paths (`/api/v1/…`) follow it. */
  basePath: string;
  /** Bearer tokens accepted in `Authorization`. */
  tokens: string[];
  /** Most message attempts the store holds; a write past it is refused whole. */
  maxEvents: number;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** How long a stats task stays `running` on the clock. Default 1000. */
  taskDelayMs?: number;
  /** Check every answer against specs/svix.yaml (a violation becomes a 500). Turn on in tests. */
  validateResponses?: boolean;
  /** Tasks kept before the oldest are forgotten. Default 10 000. */
  maxTasks?: number;
  /** Idempotent answers kept (each for 12 hours at most). Default 10 000. */
  maxIdempotencyEntries?: number;
  /** Random bytes for ids; default node:crypto. */
  random?: RandomBytes;
  /** Receives unexpected failures. */
  logger?: SimulatorLogger;
}

export interface SvixSimulator {
  /** Mount at the app's root: it handles only paths under `basePath`. */
  router: Router;
  /** Creates an application, as `POST {basePath}/sandbox/apps`; throws `SvixSimulatorError`. */
  createApp(input?: SandboxAppIn): SandboxAppOut;
  /** Records attempts, as `POST {basePath}/sandbox/message-attempts`; throws `SvixSimulatorError`. */
  recordAttempts(input: SandboxAttemptIn | SandboxAttemptsBulkIn): SandboxAttemptsOut;
  /** Every application, oldest first. */
  listApps(): SandboxAppOut[];
  /** Message attempts held, against `maxEvents`. */
  attemptCount(): number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new TypeError(`createSvixSimulator: ${message}`);
}

export function createSvixSimulator(options: SvixSimulatorOptions): SvixSimulator {
  const { basePath, tokens, maxEvents, now, taskDelayMs = 1000, maxTasks = 10_000, maxIdempotencyEntries = 10_000 } = options;
  check(/^\/\S*[^/]$/.test(basePath), 'basePath must start with "/" and not end with one');
  check(tokens.length > 0 && tokens.every((token) => token.length > 0), 'tokens must hold at least one non-empty token');
  check(Number.isSafeInteger(maxEvents) && maxEvents > 0, 'maxEvents must be a positive integer');
  check(Number.isFinite(taskDelayMs) && taskDelayMs >= 0, 'taskDelayMs must be a non-negative number');
  check(Number.isSafeInteger(maxTasks) && maxTasks > 0, 'maxTasks must be a positive integer');
  check(Number.isSafeInteger(maxIdempotencyEntries) && maxIdempotencyEntries > 0, 'maxIdempotencyEntries must be a positive integer');

  const store = createSvixStore({ maxEvents, now, random: options.random });
  const tasks = createTaskStore({ now, taskDelayMs, maxTasks, random: options.random });
  const idempotency = createIdempotencyCache({ now, maxEntries: maxIdempotencyEntries });
  const router = createSvixRouter({
    basePath,
    tokens: [...tokens],
    validateResponses: options.validateResponses ?? false,
    now,
    store,
    tasks,
    idempotency,
    logger: options.logger,
  });
  return {
    router,
    createApp: (input) => createSandboxApp(store, input),
    recordAttempts: (input) => recordSandboxAttempts(store, now, input),
    listApps: () => store.listApps().map(toSandboxAppOut),
    attemptCount: () => store.attemptCount(),
  };
}
