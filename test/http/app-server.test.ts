/**
 * The gateway's server makes requests and responses with the Express app's own prototypes, so
 * Express finds them in place; until the app is served, the initial listener answers.
 */
import { IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createAppServer } from '../../src/http/app-server';
import { startGateway } from '../../src/gateway';
import { loadConfig } from '../../src/config';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createAppServer', () => {
  it('answers with the initial listener until an app is served, then with the app', async () => {
    const { server, serve } = createAppServer((_req, res) => res.writeHead(503).end('starting'));
    const url = await listen(server);
    try {
      const before = await fetch(`${url}/anything`);
      expect([before.status, await before.text()]).toStrictEqual([503, 'starting']);
      const app = express();
      app.get('/hello', (req, res) => {
        res.json({ path: req.path, query: req.query });
      });
      serve(app);
      const after = await fetch(`${url}/hello?name=x`);
      expect([after.status, await after.json()]).toStrictEqual([200, { path: '/hello', query: { name: 'x' } }]);
    } finally {
      server.close();
    }
  });

  it("gives each request and response the app's prototypes before Express sees them", async () => {
    const { server, serve } = createAppServer((_req, res) => res.end());
    const app = express();
    app.get('/', (_req, res) => {
      res.end();
    });
    serve(app);
    const seen: boolean[] = [];
    // Runs before the app's listener: what Node made, before Express could change anything.
    server.prependListener('request', (req, res) => {
      seen.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response, req instanceof IncomingMessage);
    });
    const url = await listen(server);
    try {
      expect((await fetch(url)).status).toBe(200);
      expect(seen).toStrictEqual([true, true, true]);
    } finally {
      server.close();
    }
  });
});

describe('the gateway server', () => {
  it('serves the app with requests born with its prototypes', async () => {
    const gateway = await startGateway({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }) });
    try {
      const births: boolean[] = [];
      // Express's own request methods (req.get) are there before its app.handle runs.
      gateway.server.prependListener('request', (req) => births.push(typeof (req as { get?: unknown }).get === 'function'));
      const response = await fetch(`${gateway.url}/healthz`);
      expect([response.status, await response.json(), births]).toStrictEqual([200, { status: 'ok' }, [true]]);
    } finally {
      await gateway.close();
    }
  });
});
