/**
 * The gateway's HTTP server, whose requests and responses are born with the Express app's own
 * prototypes.
 *
 * Express hands every request and response its app's prototypes (`Object.setPrototypeOf` in
 * `app.handle`). An object whose prototype changes after Node's HTTP code has seen it sends that
 * code down slow, polymorphic paths for the rest of the request: measured on Node 20, a bare
 * Express route costs about 80 µs of processor time per request against 33 µs for plain node:http,
 * and 38 µs when its objects are made with the app's prototypes from the start. Express's call then
 * finds the prototype already in place and changes nothing.
 *
 * Node accepts its own request and response classes (`IncomingMessage`, `ServerResponse` options
 * of `createServer`). They are constructors whose `prototype` is the app's, calling Node's own
 * constructors; where those are ES classes (which cannot be called that way) the server keeps
 * Node's defaults and Express sets the prototypes as usual.
 */
import { createServer, IncomingMessage, ServerResponse, type RequestListener, type Server } from 'node:http';
import type { Express } from 'express';

export interface AppServer {
  server: Server;
  /** Answers every request from now on with `app`, whose request and response prototypes new ones get. */
  serve(app: Express): void;
}

/** Whether `constructor` can be called as a plain function (Node's HTTP classes are, on Node 20 to 24). */
const callable = (constructor: object): boolean => !/^class\b/.test(Function.prototype.toString.call(constructor));

/** Answers with `initial` until `serve` is called (the port must be known before the app is built). */
export function createAppServer(initial: RequestListener): AppServer {
  let handler = initial;
  const listener: RequestListener = (req, res) => handler(req, res);
  if (!callable(IncomingMessage) || !callable(ServerResponse)) {
    return { server: createServer(listener), serve: (app) => (handler = app) };
  }
  const construct = IncomingMessage as unknown as (this: IncomingMessage, socket: unknown) => void;
  const respond = ServerResponse as unknown as (this: ServerResponse, req: unknown, options: unknown) => void;
  function AppRequest(this: IncomingMessage, socket: unknown) {
    construct.call(this, socket);
  }
  function AppResponse(this: ServerResponse, req: unknown, options: unknown) {
    respond.call(this, req, options);
  }
  AppRequest.prototype = IncomingMessage.prototype;
  AppResponse.prototype = ServerResponse.prototype;
  const server = createServer({ IncomingMessage: AppRequest as unknown as typeof IncomingMessage, ServerResponse: AppResponse as unknown as typeof ServerResponse }, listener);
  return {
    server,
    serve(app) {
      AppRequest.prototype = app.request;
      AppResponse.prototype = app.response;
      handler = app;
    },
  };
}
