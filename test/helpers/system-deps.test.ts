import { requireSystemBinary } from './system-deps';

describe('requireSystemBinary', () => {
  const saved = process.env.USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS;
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
    if (saved === undefined) delete process.env.USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS;
    else process.env.USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS = saved;
  });

  it('runs the suite when the binary is there', () => {
    expect(requireSystemBinary('node', process.execPath)).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('skips loudly when it is missing', () => {
    delete process.env.USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS;
    expect(requireSystemBinary('chromium', '/nonexistent/chromium')).toBe(false);
    expect(warn).toHaveBeenCalledWith('SKIPPED: chromium is not installed at /nonexistent/chromium: the suites that need it cannot run (install it with apt-get install chromium)');
  });

  it('fails instead when USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS=1', () => {
    process.env.USAGE_GATEWAY_REQUIRE_SYSTEM_DEPS = '1';
    expect(() => requireSystemBinary('chromium', '/nonexistent/chromium')).toThrow('chromium is not installed at /nonexistent/chromium');
  });
});
