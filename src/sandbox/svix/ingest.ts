/**
 * The validated ways in: creating applications and recording message attempts. The HTTP routes
 * under `…/sandbox/` and the programmatic seed API both call these, so both get the same checks
 * and the same Svix-shaped errors (`SvixSimulatorError`).
 */
import type { z } from 'zod';
import { validationError } from './errors';
import { formatSvixInstant } from './instants';
import {
  sandboxAppIn,
  sandboxAttemptIn,
  sandboxAttemptsBulkIn,
  type SandboxAppIn,
  type SandboxAttemptIn,
  type SandboxAttemptsBulkIn,
} from './ingest-schemas';
import type { AttemptRecord, SvixApp, SvixStore } from './store';
import { fromZodIssues } from './validation-errors';

/** An application as the sandbox routes show it. */
export interface SandboxAppOut {
  id: string;
  uid: string | null;
  createdAt: string;
}

/** The answer to recording attempts. */
export interface SandboxAttemptsOut {
  recorded: number;
}

function parseWith<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fromZodIssues(result.error.issues));
  return result.data;
}

export function toSandboxAppOut(app: SvixApp): SandboxAppOut {
  return { id: app.id, uid: app.uid, createdAt: formatSvixInstant(app.createdAt) };
}

/** Creates an application; an absent body means no uid and a generated id. */
export function createSandboxApp(store: SvixStore, input: SandboxAppIn | undefined): SandboxAppOut {
  return toSandboxAppOut(store.createApp(parseWith(sandboxAppIn, input ?? {})));
}

/** Records one attempt record or a bulk of them, resolving each `app` by id or uid. */
export function recordSandboxAttempts(
  store: SvixStore,
  now: () => number,
  input: SandboxAttemptIn | SandboxAttemptsBulkIn,
): SandboxAttemptsOut {
  const bulk = typeof input === 'object' && input !== null && 'attempts' in input;
  const items = bulk ? parseWith(sandboxAttemptsBulkIn, input).attempts : [parseWith(sandboxAttemptIn, input)];
  const apps = items.map((item) => store.resolve(item.app));
  const unknown = items.flatMap((item, position) => {
    if (apps[position]) return [];
    const loc = bulk ? ['body', 'attempts', `[${position}]`, 'app'] : ['body', 'app'];
    return [{ loc, msg: `no application has the ID or UID \`${item.app}\``, type: 'value_error' }];
  });
  if (unknown.length > 0) throw validationError(unknown);
  const receivedAt = now();
  const records: AttemptRecord[] = items.map((item, position) => ({
    appId: (apps[position] as SvixApp).id,
    epochMs: item.timestamp ?? receivedAt,
    count: item.count ?? 1,
  }));
  return { recorded: store.recordAttempts(records) };
}
