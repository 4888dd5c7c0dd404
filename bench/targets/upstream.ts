/**
 * A bare upstream for benchmarks: node:http answering every POST to Flexprice's
 * `/v1/events/usage` with a small spec-valid COUNT result, as fast as Node answers anything.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveTarget } from './serve';

const answer = JSON.stringify({ event_name: 'api_request', type: 'COUNT', value: 42 });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/v1/events/usage') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) }).end(answer);
    } else {
      res.writeHead(404).end();
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => serveTarget(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
