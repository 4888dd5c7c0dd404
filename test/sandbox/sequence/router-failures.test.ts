/**
 * The router's last line of defence, driven by a stand-in account: a response that breaks the spec
 * fails loudly when responses are validated, and an unexpected error is reported, then masked.
 */
import express from 'express';
import request from 'supertest';
import { createSequenceRouter } from '../../../src/sandbox/sequence/router';
import type { SequenceService } from '../../../src/sandbox/sequence/service';
import { AUTH, BASE, CLIENT_ID, CLIENT_SECRET } from './harness';

const unused = () => {
  throw new Error('not called in this test');
};

function appWith(service: Partial<SequenceService>, validateResponses: boolean) {
  const reported: unknown[] = [];
  const router = createSequenceRouter({
    basePath: BASE,
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    service: { createMetric: unused, getMetric: unused, listMetrics: unused, ingestEvents: unused, calculate: unused, events: unused, ...service },
    validateResponses,
    onError: (error) => reported.push(error),
  });
  const app = express();
  app.use(router);
  return { app, reported };
}

// A calculation without its required `aggregationType` and with a string `eventCount`.
const broken = { name: 'Calls', metricType: 'SIMPLE', eventType: 'api_call', eventCount: 'two', value: 2 } as never;
const query = 'customerAliases=a&periodStart=2024-03-01&periodEnd=2024-03-31';

describe('response validation', () => {
  it('answers 500 ResponseValidationFailed naming each violation when on', async () => {
    const { app, reported } = appWith({ calculate: () => broken }, true);
    const response = await request(app).get(`${BASE}/usage-metrics/m/calculate?${query}`).set('Authorization', AUTH);
    expect(response.status).toBe(500);
    expect(response.body).toStrictEqual({
      error: {
        type: 'ResponseValidationFailed',
        message:
          "The simulator's response violates specs/sequence.yaml: /response/aggregationType must have required property 'aggregationType'; /response/eventCount must be integer",
      },
    });
    expect(reported.length).toBe(1);
  });

  it('lets the same response through when off', async () => {
    const { app } = appWith({ calculate: () => broken }, false);
    const response = await request(app).get(`${BASE}/usage-metrics/m/calculate?${query}`).set('Authorization', AUTH);
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual(broken);
  });
});

describe('unexpected errors', () => {
  it('reports the error and answers a masked 500', async () => {
    const failure = new Error(`store failed near ${CLIENT_SECRET}`);
    const { app, reported } = appWith({
      calculate: () => {
        throw failure;
      },
    }, true);
    const response = await request(app).get(`${BASE}/usage-metrics/m/calculate?${query}`).set('Authorization', AUTH);
    expect(response.status).toBe(500);
    expect(response.body).toStrictEqual({ error: { type: 'InternalServerError', message: 'An unexpected error occurred' } });
    expect(reported).toStrictEqual([failure]);
  });
});
