/**
 * The inbound rate limit counts in fixed windows aligned on the minute. A test that counts
 * requests against a limit waits, when the current minute is about to end, for the next one to
 * begin, so its requests all fall in one window.
 */
export async function awayFromMinuteEdge(marginMs = 10_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
