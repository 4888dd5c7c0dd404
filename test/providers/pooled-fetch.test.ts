import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bufferedBody, createPooledFetch, type PooledFetch } from '../../src/providers/pooled-fetch';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let origin: string;
let pooled: PooledFetch;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/redirect') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/empty') res.writeHead(204).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 2_000).unref();
      else res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end('{"answer":42}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pooled = createPooledFetch();
});
beforeEach(() => {
  seen.length = 0;
});
afterAll(async () => {
  await pooled.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createPooledFetch', () => {
  it('sends the method, path, query, headers and body, and answers a Response with its body kept', async () => {
    const response = await pooled.fetch(`${origin}/v1/events/usage?page=2`, { method: 'post', headers: { 'x-api-key': 'key', 'content-type': 'application/json' }, body: '{"q":1}' });
    expect([seen[0]?.method, seen[0]?.url, seen[0]?.headers['x-api-key'], seen[0]?.body]).toStrictEqual(['POST', '/v1/events/usage?page=2', 'key', '{"q":1}']);
    expect([response.status, response.ok, response.headers.get('content-type'), response.headers.getSetCookie()]).toStrictEqual([201, true, 'application/json', ['a=1', 'b=2']]);
    expect(bufferedBody(response)?.toString('utf8')).toBe('{"answer":42}');
    expect(await response.json()).toStrictEqual({ answer: 42 });
  });

  it('reads a Request as fetch would: its URL, method, headers and body', async () => {
    const request = new Request(`${origin}/from-request`, { method: 'PUT', headers: new Headers({ 'x-trace': 't' }), body: new TextEncoder().encode('bytes') });
    await pooled.fetch(request);
    expect([seen[0]?.method, seen[0]?.url, seen[0]?.headers['x-trace'], seen[0]?.body]).toStrictEqual(['PUT', '/from-request', 't', 'bytes']);
  });

  it("follows a redirect by default, as fetch does, and hands it back under redirect: 'manual'", async () => {
    const followed = await pooled.fetch(`${origin}/redirect`);
    expect([followed.status, await followed.text(), seen.map((request) => request.url)]).toStrictEqual([201, '{"answer":42}', ['/redirect', '/elsewhere']]);
    const manual = await pooled.fetch(`${origin}/redirect`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location'), seen.length]).toStrictEqual([302, '/elsewhere', 3]);
  });

  it('makes no body for a 204', async () => {
    const empty = await pooled.fetch(`${origin}/empty`, { method: 'DELETE' });
    expect([empty.status, empty.body]).toStrictEqual([204, null]);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const call = pooled.fetch(`${origin}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller left')), 50);
    await expect(call).rejects.toThrow();
  });

  it('keeps no body for responses it did not make', () => {
    expect(bufferedBody(new Response('elsewhere'))).toBeUndefined();
  });
});
