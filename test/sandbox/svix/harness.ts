/** A small express app mounting only the Svix simulator, with a clock the test moves by hand. */
import express, { type Express } from 'express';
import request from 'supertest';
import { createSvixSimulator, type SvixSimulator, type SvixSimulatorOptions } from '../../../src/sandbox/svix';

export const BASE = '/sandbox/svix';
export const TOKEN = 'testsk_sandbox-token.eu';
export const AUTH = `Bearer ${TOKEN}`;
export const STATS = `${BASE}/api/v1/stats/usage/app`;
export const TASKS = `${BASE}/api/v1/background-task`;
export const APPS = `${BASE}/sandbox/apps`;
export const ATTEMPTS = `${BASE}/sandbox/message-attempts`;
/** 2025-01-01T00:00:00Z */
export const START = Date.UTC(2025, 0, 1);

export interface Harness {
  app: Express;
  simulator: SvixSimulator;
  clock: { now: number };
  unexpected: unknown[];
  post(path: string, body?: unknown, headers?: Record<string, string>): request.Test;
  get(path: string, headers?: Record<string, string>): request.Test;
}

export function harness(options: Partial<SvixSimulatorOptions> = {}): Harness {
  const clock = { now: START };
  const unexpected: unknown[] = [];
  const simulator = createSvixSimulator({
    basePath: BASE,
    tokens: [TOKEN, 'second-token'],
    maxEvents: 1000,
    now: () => clock.now,
    validateResponses: true,
    logger: { error: (details) => unexpected.push(details) },
    ...options,
  });
  const app = express();
  app.use(simulator.router);
  // Whatever the router lets through lands here, so tests can see it was not handled.
  app.use((req, res) => {
    res.status(418).json({ passedThrough: req.path });
  });
  const withHeaders = (test: request.Test, headers: Record<string, string>) => {
    for (const [name, value] of Object.entries(headers)) test.set(name, value);
    return test;
  };
  return {
    app,
    simulator,
    clock,
    unexpected,
    post: (path, body, headers = { authorization: AUTH }) => {
      const test = withHeaders(request(app).post(path), headers);
      return body === undefined ? test : test.send(body as object);
    },
    get: (path, headers = { authorization: AUTH }) => withHeaders(request(app).get(path), headers),
  };
}

/** `count` bytes 0,1,2,… — with it ids are fixed, so tests can name them. */
export const countingBytes = () => {
  let next = 0;
  return (size: number) => Uint8Array.from({ length: size }, () => next++ % 256);
};
