/**
 * The gateway's logger: pino JSON lines, with secrets cut out by pino's own `redact` paths wherever
 * a header set, a provider's settings or an error's request lands in a line. Request lines carry
 * `requestId` and `traceId` through the request's child logger (src/http/request-scope.ts).
 *
 * The paths are spelled out: a leading wildcard (`*.authorization`) makes pino redact every line
 * and every child logger's bindings by walking them, tens of microseconds each, on the hot path.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/** Headers that carry credentials: gateway keys, provider keys and tokens, cookies. */
const secretHeaders = ['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie'];
/** Where a header set is logged: a request or response, alone or inside an error. */
const headerHolders = ['', 'req.', 'request.', 'res.', 'response.', 'err.', 'err.request.', 'err.response.', 'err.cause.request.'];
/** Settings fields that hold credentials (provider and gateway configuration). */
const secretFields = ['apiKey', 'apiKeys', 'token', 'clientId', 'clientSecret', 'password', 'secret', 'credentials'];
/** Where settings are logged: at the top of a line, or as a provider's or config object. */
const fieldHolders = ['', 'config.', 'provider.', 'err.config.'];

const member = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

const redactPaths = [
  ...headerHolders.flatMap((holder) => secretHeaders.map((header) => `${holder}headers${member(header)}`)),
  ...fieldHolders.flatMap((holder) => secretFields.map((field) => `${holder}${field}`)),
];

export function createLogger(options: { level: string }, destination?: DestinationStream): Logger {
  const settings = { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' } };
  return destination ? pino(settings, destination) : pino(settings);
}
