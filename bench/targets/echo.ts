/**
 * The reference point: a bare Express 5 app that parses a JSON body and answers it back. With
 * BENCH_ECHO_APP_SERVER=1 it is served by the gateway's server (src/http/app-server.ts), whose
 * requests are born with the app's prototypes: the same echo without Express's prototype change.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type * as AppServer from '../../src/http/app-server';
import { fromBuild } from './build';
import { serveTarget } from './serve';

const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.post('/{*path}', (req, res) => {
  res.json(req.body);
});

function appServer(): Server {
  // The gateway's server as the gateway runs it: from the compiled build (./build.ts).
  const { createAppServer } = fromBuild<typeof AppServer>('http/app-server');
  const { server, serve } = createAppServer(app);
  serve(app);
  return server;
}

const server = process.env.BENCH_ECHO_APP_SERVER === '1' ? appServer() : createServer(app);
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => serveTarget(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
