/** The reference point: a bare Express 5 app that parses a JSON body and answers it back. */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { serveTarget } from './serve';

const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.post('/{*path}', (req, res) => {
  res.json(req.body);
});
const server = app.listen(0, '127.0.0.1', () => serveTarget(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
server.keepAliveTimeout = 65_000;
