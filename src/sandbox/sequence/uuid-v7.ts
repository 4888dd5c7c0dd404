/**
 * UUIDv7 ids (RFC 9562) from the injected clock. Sequence's event ids are UUIDv7, so they sort by
 * creation time; calculate's minEventId/maxEventId rely on that order.
 */
import { randomFillSync } from 'node:crypto';

const MAX_TIMESTAMP = 2 ** 48 - 1;
const MAX_COUNTER = 0xfff;

/** Returns a new id on each call. */
export type IdGenerator = () => string;

/**
 * Ids strictly increase even when the clock stands still or steps back (a frozen test clock, many
 * events in one millisecond): the 12 `rand_a` bits are a counter within one millisecond, and a full
 * counter borrows the next millisecond (RFC 9562 §6.2, method 1).
 */
export function createUuidV7Generator(now: () => number): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  const random = Buffer.alloc(8);
  return () => {
    const clock = Math.min(Math.max(Math.floor(now()), 0), MAX_TIMESTAMP);
    if (clock > lastMs) {
      lastMs = clock;
      counter = 0;
    } else if (counter < MAX_COUNTER) {
      counter += 1;
    } else {
      lastMs = Math.min(lastMs + 1, MAX_TIMESTAMP);
      counter = 0;
    }
    randomFillSync(random);
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(lastMs, 0, 6);
    bytes.writeUInt16BE(0x7000 | counter, 6);
    random.copy(bytes, 8);
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
