/**
 * A provider stand-in on a loopback port: it validates every request against the provider's spec
 * (express-openapi-validator), records it, and answers with what the test scripted.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { specServedAt, type SpecName } from '../../src/specs';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Spec violations found in this request; empty when it conforms. */
  violations: string[];
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

export type Responder = (request: RecordedRequest) => ScriptedResponse;

export interface FakeUpstream {
  /** Base URL including the spec's base path, e.g. `http://127.0.0.1:5123/v1`. */
  baseUrl: string;
  requests: RecordedRequest[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export async function startFakeUpstream(spec: SpecName, basePath = ''): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => ({ status: 500, body: { message: 'no response scripted' } });
  const app = express();
  app.use(express.json({ limit: '10mb' }));
  const record = (req: express.Request, violations: string[]): RecordedRequest => {
    const recorded: RecordedRequest = {
      method: req.method,
      path: req.path,
      query: { ...req.query },
      headers: { ...req.headers },
      body: req.body,
      violations,
    };
    requests.push(recorded);
    return recorded;
  };
  app.use(
    OpenApiValidator.middleware({
      apiSpec: specServedAt(spec, basePath || '/') as never,
      validateRequests: true,
      validateResponses: false,
      validateSecurity: false,
    }),
  );
  app.use((req, res) => {
    const reply = responder(record(req, []));
    send(res, reply);
  });
  app.use((error: { status?: number; errors?: { path: string; message: string }[]; message: string }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const violations = error.errors?.map((item) => `${item.path}: ${item.message}`) ?? [error.message];
    record(req, violations);
    res.status(599).json({ violations });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    requests,
    respond(next) {
      responder = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function send(res: express.Response, reply: ScriptedResponse): void {
  const write = () => {
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.status(reply.status);
    if (reply.body === undefined) res.end();
    else res.json(reply.body);
  };
  if (reply.delayMs) setTimeout(write, reply.delayMs);
  else write();
}
