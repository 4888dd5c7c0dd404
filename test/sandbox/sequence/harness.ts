/** A small express app mounting one Sequence simulator, with a settable clock and request helpers. */
import express from 'express';
import request from 'supertest';
import type { Test } from 'supertest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createSequenceSimulator, type SequenceSimulator } from '../../../src/sandbox/sequence';
import { loadSpec } from '../../../src/specs';

export const BASE = '/sandbox/sequence/api';
export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 's3cr3t-value';
export const AUTH = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
/** 2024-03-10T12:00:00Z */
export const START_MS = Date.UTC(2024, 2, 10, 12);

export interface Harness {
  app: express.Express;
  simulator: SequenceSimulator;
  clock: { ms: number };
  unexpected: unknown[];
  get(path: string): Test;
  post(path: string, body: unknown): Test;
}

/** A fresh simulator (response validation on) behind an app whose other routes answer 418. */
export function createHarness(options: { maxEvents?: number; maxMetrics?: number } = {}): Harness {
  const clock = { ms: START_MS };
  const unexpected: unknown[] = [];
  const simulator = createSequenceSimulator({
    basePath: BASE,
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    maxEvents: options.maxEvents ?? 10_000,
    maxMetrics: options.maxMetrics,
    now: () => clock.ms,
    validateResponses: true,
    onError: (error) => unexpected.push(error),
  });
  const app = express();
  app.use(simulator.router);
  app.use((req, res) => {
    res.status(418).json({ passedOn: req.path });
  });
  return {
    app,
    simulator,
    clock,
    unexpected,
    get: (path) => request(app).get(`${BASE}${path}`).set('Authorization', AUTH),
    post: (path, body) => request(app).post(`${BASE}${path}`).set('Authorization', AUTH).send(body as object),
  };
}

/** A checker for Sequence's `ApiError` body, from the spec (error answers are not response-validated). */
export function apiErrorShape(): (body: unknown) => boolean {
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'sequence', components: loadSpec('sequence').components });
  const validate = ajv.getSchema('sequence#/components/schemas/ApiError');
  if (!validate) throw new Error('specs/sequence.yaml has no ApiError schema');
  return (body) => validate(body) === true;
}

/** The epoch ms in the first 48 bits of a UUIDv7. */
export function uuidV7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
