import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createFlexpriceAdapter } from '../../src/providers/flexprice/adapter';
import { createSequenceAdapter } from '../../src/providers/sequence/adapter';
import { createSvixAdapter } from '../../src/providers/svix/adapter';
import { createSandbox, sandboxPaths, type Sandbox } from '../../src/sandbox';
import { describeUsageProvider } from './contract';

let server: Server;
let sandbox: Sandbox;
const common = { mode: 'sandbox' as const, timeoutMs: 5000, limits: { maxUpstreamCalls: 100, upstreamConcurrency: 4 } };
const period = { from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z' };
let origin = '';

beforeAll(async () => {
  const app = express();
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox = createSandbox({ origin, settings: { maxEvents: 100_000, svixTaskDelayMs: 50, demoData: true }, validateResponses: true });
  for (const router of sandbox.routers) app.use(router);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeUsageProvider('Flexprice', () => ({
  provider: createFlexpriceAdapter({ ...common, id: 'fp', ...sandbox.endpoints.flexprice }),
  withWrongCredential: createFlexpriceAdapter({ ...common, id: 'fp', baseUrl: origin + sandboxPaths.flexprice, apiKey: 'wrong-flexprice-key' }),
  wrongCredential: 'wrong-flexprice-key',
  query: { provider: 'fp', metric: 'api_request', customers: ['acme'], ...period },
  windowed: { provider: 'fp', metric: 'api_request', customers: ['acme'], ...period, windowSize: 'WEEK' },
}));

describeUsageProvider('Sequence', () => ({
  provider: createSequenceAdapter({ ...common, id: 'seq', ...sandbox.endpoints.sequence }),
  withWrongCredential: createSequenceAdapter({ ...common, id: 'seq', baseUrl: origin + sandboxPaths.sequence, clientId: 'wrong-client', clientSecret: 'wrong-sequence-secret' }),
  wrongCredential: 'wrong-sequence-secret',
  query: { provider: 'seq', metric: 'api-requests', customers: ['acme'], ...period },
  windowed: { provider: 'seq', metric: 'api-requests', customers: ['acme'], ...period, windowSize: 'WEEK' },
}));

describeUsageProvider('Svix', () => ({
  provider: createSvixAdapter({ ...common, id: 'svix', ...sandbox.endpoints.svix }),
  withWrongCredential: createSvixAdapter({ ...common, id: 'svix', baseUrl: origin + sandboxPaths.svix, token: 'wrong-svix-token' }),
  wrongCredential: 'wrong-svix-token',
  query: { provider: 'svix', metric: 'message_destinations', customers: ['acme'], ...period },
  windowed: { skip: 'Svix aggregates app stats over the whole period; it has no time series' },
}));
