/**
 * UUIDv7 ids (RFC 9562) from the injected clock. Sequence's event ids are UUIDv7, so they sort by
 * creation time; calculate's minEventId/maxEventId rely on that order.
 */
import { randomFillSync } from 'node:crypto';

const MAX_TIMESTAMP = 2 ** 48 - 1;
const MAX_COUNTER = 0xfff;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
/** Where each of the 16 bytes starts in `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
const HEX_POSITIONS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
/** Random bytes are drawn for this many ids at once: one randomFillSync call per id cost microseconds. */
const IDS_PER_DRAW = 512;

/** Writes byte `index` of the id as two hex digits at its place in the text. */
function putHex(text: Buffer, index: number, byte: number): void {
  const position = HEX_POSITIONS[index] as number;
  text[position] = HEX_DIGITS[byte >>> 4] as number;
  text[position + 1] = HEX_DIGITS[byte & 0xf] as number;
}

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
  const random = Buffer.alloc(8 * IDS_PER_DRAW);
  let offset = random.length;
  const text = Buffer.alloc(36, '-');
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
    if (offset === random.length) {
      randomFillSync(random);
      offset = 0;
    }
    // Written as ASCII into one reused buffer: one flat string per id, no intermediate pieces.
    const high = Math.floor(lastMs / 2 ** 32);
    const low = lastMs % 2 ** 32;
    putHex(text, 0, high >>> 8);
    putHex(text, 1, high & 0xff);
    putHex(text, 2, low >>> 24);
    putHex(text, 3, (low >>> 16) & 0xff);
    putHex(text, 4, (low >>> 8) & 0xff);
    putHex(text, 5, low & 0xff);
    putHex(text, 6, 0x70 | (counter >>> 8));
    putHex(text, 7, counter & 0xff);
    putHex(text, 8, ((random[offset] as number) & 0x3f) | 0x80); // RFC 4122 variant
    for (let index = 9; index < 16; index += 1) putHex(text, index, random[offset + index - 8] as number);
    offset += 8;
    return text.toString('latin1');
  };
}
