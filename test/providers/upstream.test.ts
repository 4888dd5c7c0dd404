import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayError } from '../../src/errors';
import { createUpstreamFetch } from '../../src/providers/upstream';

let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"value":');
      return; // never ends
    }
    if (req.url === '/break') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"value":');
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));

const fetchWith = createUpstreamFetch({ provider: 'p', timeoutMs: 300 });
const failure = (path: string): Promise<GatewayError> =>
  fetchWith(origin + path).then(
    () => {
      throw new Error(`expected ${path} to fail`);
    },
    (error: unknown) => error as GatewayError,
  );

describe('createUpstreamFetch', () => {
  it('answers with the body already read', async () => {
    const response = await fetchWith(`${origin}/ok`);
    expect([response.status, await response.json()]).toStrictEqual([200, { value: 1 }]);
  });

  it('turns a body that stalls past the deadline into upstream_timeout', async () => {
    const error = await failure('/stall');
    expect([error.code, error.status, error.detail]).toStrictEqual(['upstream_timeout', 504, 'p did not answer within 300 ms']);
  });

  it('turns a body broken off midway into upstream_unavailable', async () => {
    const error = await failure('/break');
    expect([error.code, error.status, error.detail]).toStrictEqual(['upstream_unavailable', 503, 'p broke off its answer']);
  });

  it('lets a caller abort through untouched', async () => {
    const controller = new AbortController();
    const pending = fetchWith(`${origin}/stall`, { signal: controller.signal }).catch((error: unknown) => error);
    controller.abort(new Error('caller left'));
    expect(await pending).toStrictEqual(new Error('caller left'));
  });
});
