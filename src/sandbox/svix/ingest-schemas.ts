/**
 * Request bodies of the sandbox's own routes (Svix has no API to record message attempts). The
 * constraints on ids and uids are the ones Svix's spec gives `AppIdOrUid` and application ids.
 */
import { z } from 'zod';
import { parseInstant } from './instants';

/** Bulk requests carry at most this many attempt records. */
export const MAX_ATTEMPTS_PER_REQUEST = 10_000;

const appIdOrUid = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9\-_.]+$/, 'must contain only letters, digits, `-`, `_` and `.`');

/** An RFC 3339 date-time, read as epoch milliseconds (attempts are kept to the millisecond). */
const timestamp = z.string().transform((text, context) => {
  const instant = parseInstant(text);
  if (instant === null) {
    context.addIssue({ code: 'custom', message: 'must be an RFC 3339 date-time such as 2025-01-01T00:00:00Z' });
    return z.NEVER;
  }
  return instant.epochMs;
});

/** `POST …/sandbox/apps`: both fields optional; a missing id is generated. */
export const sandboxAppIn = z.strictObject({
  id: z.string().regex(/^app_[A-Za-z0-9]{27}$/, 'must be `app_` followed by 27 letters or digits').optional(),
  uid: appIdOrUid.optional(),
});

/** One record: `count` attempts made for `app` (its id or uid) at `timestamp` (default: now). */
export const sandboxAttemptIn = z.strictObject({
  app: appIdOrUid,
  timestamp: timestamp.optional(),
  count: z.int().min(1).optional(),
});

/** The bulk form: all records are stored or, on any error, none. */
export const sandboxAttemptsBulkIn = z.strictObject({
  attempts: z.array(sandboxAttemptIn).min(1).max(MAX_ATTEMPTS_PER_REQUEST),
});

export type SandboxAppIn = z.input<typeof sandboxAppIn>;
export type SandboxAttemptIn = z.input<typeof sandboxAttemptIn>;
export type SandboxAttemptsBulkIn = z.input<typeof sandboxAttemptsBulkIn>;
