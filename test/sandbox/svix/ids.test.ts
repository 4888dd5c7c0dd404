import { isAppId, ksuid, newSvixId } from '../../../src/sandbox/svix/ids';

const KSUID_EPOCH_MS = 1_400_000_000_000;

describe('ksuid', () => {
  it('matches the reference encoding at both ends of the range', () => {
    expect(ksuid(KSUID_EPOCH_MS, new Uint8Array(16))).toBe('000000000000000000000000000');
    expect(ksuid((KSUID_EPOCH_MS / 1000 + 0xffff_ffff) * 1000, new Uint8Array(16).fill(0xff))).toBe('aWgEPTl1tmebfsQzFP4bxwgy80V');
  });

  it('matches the KSUID documentation example', () => {
    // Timestamp 107608047 with payload B5A1CD34B5F99D1154FB6853345C9735.
    const payload = Uint8Array.from(Buffer.from('B5A1CD34B5F99D1154FB6853345C9735', 'hex'));
    expect(ksuid((KSUID_EPOCH_MS / 1000 + 107_608_047) * 1000, payload)).toBe('0ujtsYcgvSTl8PAuAdqWYSMnLOv');
  });

  it('clamps times before the KSUID epoch to its start', () => {
    expect(ksuid(0, new Uint8Array(16))).toBe('000000000000000000000000000');
  });

  it('refuses a payload of the wrong size', () => {
    expect(() => ksuid(KSUID_EPOCH_MS, new Uint8Array(15))).toThrow('a KSUID payload has 16 bytes');
  });
});

describe('newSvixId', () => {
  it('prefixes the type and sorts by time', () => {
    const zeros = () => new Uint8Array(16);
    const earlier = newSvixId('qtask', Date.UTC(2025, 0, 1), zeros);
    const later = newSvixId('qtask', Date.UTC(2025, 0, 2), zeros);
    expect(earlier).toMatch(/^qtask_[A-Za-z0-9]{27}$/);
    expect(earlier < later).toBe(true);
    expect(isAppId(newSvixId('app', Date.UTC(2025, 0, 1)))).toBe(true);
    expect(isAppId('app_short')).toBe(false);
  });
});
