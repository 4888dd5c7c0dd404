/**
 * The gateway's logger: pino JSON lines, with secrets cut out by pino's own `redact` paths wherever
 * a header set, a provider config or an error's request lands in a line. Request lines carry
 * `requestId` and `traceId` through the request's child logger (src/http/request-scope.ts).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/** Header and field names that hold credentials: gateway keys, provider keys, tokens, cookies. */
const secretKeys = [
  'authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie',
  'apiKey', 'apiKeys', 'token', 'clientId', 'clientSecret', 'password', 'secret', 'credentials',
];

const quoted = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/**
 * Where they are redacted: at the top of a line's object, one level down (`config.apiKey`), and in
 * any `headers` one or two levels down (`req.headers.authorization`, `err.request.headers.cookie`).
 */
export const redactPaths = secretKeys.flatMap((key) => [
  quoted(key).replace(/^\./, ''),
  `*${quoted(key)}`,
  `headers${quoted(key)}`,
  `*.headers${quoted(key)}`,
  `*.*.headers${quoted(key)}`,
]);

export function createLogger(options: { level: string }, destination?: DestinationStream): Logger {
  const settings = { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' } };
  return destination ? pino(settings, destination) : pino(settings);
}
