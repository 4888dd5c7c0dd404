/** Event ids Flexprice generates when an ingest leaves `event_id` out: `event_` + a ULID. */
import { randomBytes } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const maxTime = 2 ** 48 - 1;

/**
 * A ULID (26 Crockford base-32 characters: 48 bits of milliseconds, 80 random bits) stamped with
 * the given clock reading rather than the wall clock.
 */
export function ulid(nowMs: number): string {
  let time = Math.min(Math.max(Math.floor(nowMs), 0), maxTime);
  let timePart = '';
  for (let index = 0; index < 10; index += 1) {
    timePart = crockford[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  // 80 random bits are 16 characters of 5 bits each.
  const random = randomBytes(10);
  let bits = 0n;
  for (const byte of random) bits = (bits << 8n) | BigInt(byte);
  let randomPart = '';
  for (let index = 0; index < 16; index += 1) {
    randomPart = crockford[Number(bits & 31n)] + randomPart;
    bits >>= 5n;
  }
  return timePart + randomPart;
}

/** The id Flexprice's `NewEvent` gives an event sent without one. */
export function generateEventId(nowMs: number): string {
  return `event_${ulid(nowMs)}`;
}
