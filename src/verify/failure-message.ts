/**
 * What a thrown fetch failure says: the cause fetch wraps (connection refused, DNS, a dropped
 * socket), else the error's own message. Standalone, so the command line can use it without
 * loading the rest of verify.
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
