/**
 * A deliberately broken Flexprice on a loopback port: the real simulator holding the demo data,
 * with one fault put in front of it. verify must fail, naming the check the fault breaks.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { demoEvents } from '../../src/sandbox/demo-data';
import { createFlexpriceSimulator } from '../../src/sandbox/flexprice/simulator';

export type Fault = 'off-spec-body' | 'server-error' | 'accepts-invalid' | 'windows-off' | 'credentials-ignored';

export interface BrokenProvider {
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;

export async function startBrokenFlexprice(fault: Fault): Promise<BrokenProvider> {
  const apiKey = `broken-flexprice-key-${fault}`;
  const simulator = createFlexpriceSimulator({ basePath: '/v1', apiKeys: [apiKey], maxEvents: 1_000_000, now: Date.now, validateResponses: false });
  simulator.ingest(demoEvents().map((event) => ({
    event_id: event.id, event_name: event.name, external_customer_id: event.customer, timestamp: event.timestamp, properties: event.properties,
  })));
  const app = express();
  app.use((req, res, next) => {
    if (fault === 'credentials-ignored') req.headers['x-api-key'] = apiKey;
    const json = res.json.bind(res);
    res.json = (body: Body) => {
      // The simulator has parsed the request by the time it answers.
      const request = (req.body ?? {}) as Body;
      const usage = req.path === '/v1/events/usage';
      if (fault === 'off-spec-body' && usage && res.statusCode === 200) return json({ ...body, value: String(body.value) });
      if (fault === 'server-error' && usage && request.window_size !== undefined) {
        return res.status(500).type('text/plain').send('upstream database timed out') as express.Response;
      }
      if (fault === 'accepts-invalid' && usage && res.statusCode === 400) {
        return res.status(200).json({ event_name: String(request.event_name ?? ''), results: [], type: 'COUNT', value: 0 });
      }
      if (fault === 'windows-off' && usage && request.window_size !== undefined && Array.isArray(body.results) && body.results.length > 0) {
        const [first, ...rest] = body.results as Body[];
        return json({ ...body, results: [{ ...first, value: Number(first?.value ?? 0) + 1 }, ...rest] });
      }
      return json(body);
    };
    next();
  });
  app.use(simulator.router);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, apiKey, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
