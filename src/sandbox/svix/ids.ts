/**
 * Svix object ids: a type prefix and a KSUID (https://github.com/segmentio/ksuid), e.g.
 * `app_2rA9…` / `qtask_1srOrx2ZWZBpBUvZwXKQmoEYga2`. A KSUID is 4 bytes of seconds since
 * 2014-05-13T16:53:20Z and 16 random bytes, base62-encoded to 27 characters, so ids sort by time.
 */
import { randomBytes } from 'node:crypto';

const KSUID_EPOCH_SECONDS = 1_400_000_000;
const MAX_SECONDS = 0xffff_ffff;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ENCODED_LENGTH = 27;
const PAYLOAD_BYTES = 16;

/** A source of random bytes; injectable so tests can pin ids. */
export type RandomBytes = (size: number) => Uint8Array;

/** The KSUID of `epochMs` (clamped to the KSUID range) and a 16-byte payload. */
export function ksuid(epochMs: number, payload: Uint8Array): string {
  if (payload.length !== PAYLOAD_BYTES) throw new RangeError(`a KSUID payload has ${PAYLOAD_BYTES} bytes`);
  const seconds = Math.min(Math.max(Math.floor(epochMs / 1000) - KSUID_EPOCH_SECONDS, 0), MAX_SECONDS);
  let value = BigInt(seconds);
  for (const byte of payload) value = (value << 8n) | BigInt(byte);
  let encoded = '';
  while (value > 0n) {
    encoded = ALPHABET[Number(value % 62n)] + encoded;
    value /= 62n;
  }
  return encoded.padStart(ENCODED_LENGTH, '0');
}

/** A new id such as `app_…` or `qtask_…`, stamped with the injected clock's time. */
export function newSvixId(prefix: 'app' | 'qtask', epochMs: number, random: RandomBytes = randomBytes): string {
  return `${prefix}_${ksuid(epochMs, random(PAYLOAD_BYTES))}`;
}

/** Whether `value` has the shape of an application id. */
export function isAppId(value: string): boolean {
  return /^app_[A-Za-z0-9]{27}$/.test(value);
}
