/**
 * Sends one request case straight to a provider (its configured base URL and credentials, as the
 * native passthrough reaches it) and records the exchange with every secret redacted.
 */
import type { NativeConnection } from '../providers/native-registry';
import { redactSecrets } from '../providers/upstream';
import { failureMessage } from './failure-message';
import type { Exchange, RequestCase } from './model';

/** A provider as verify reaches it. */
export type Connection = Pick<NativeConnection, 'baseUrl' | 'credentials' | 'defaultHeaders' | 'secrets'>;

export interface SendOptions {
  timeoutMs: number;
}

const redacted = '[redacted]';

/** The request's headers: the provider's defaults, then its credentials (or the case's stand-ins), then the case's own. */
function headersFor(connection: Connection, request: RequestCase): Record<string, string> {
  const credentials = request.replaceCredentials ?? connection.credentials;
  const headers: Record<string, string> = { ...connection.defaultHeaders, ...credentials, ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}

/** Credential headers shown as `[redacted]`, and any secret anywhere in the text replaced. */
function redactRequest(connection: Connection, request: RequestCase, url: string, headers: Record<string, string>): Exchange['request'] {
  const credentialNames = new Set(Object.keys(connection.credentials).map((name) => name.toLowerCase()));
  const shown = Object.fromEntries(Object.entries(headers).map(([name, value]) => [
    name, request.replaceCredentials === undefined && credentialNames.has(name.toLowerCase()) ? redacted : redactSecrets(value, connection.secrets),
  ]));
  const body = request.body === undefined ? undefined : JSON.parse(redactSecrets(JSON.stringify(request.body), connection.secrets)) as unknown;
  return { method: request.method, url: redactSecrets(url, connection.secrets), headers: shown, ...(body === undefined ? {} : { body }) };
}

export async function send(connection: Connection, request: RequestCase, options: SendOptions): Promise<Exchange> {
  const url = `${connection.baseUrl.replace(/\/+$/, '')}${request.path}`;
  const headers = headersFor(connection, request);
  const sent = redactRequest(connection, request, url, headers);
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'manual',
    });
    const body = await response.text();
    return {
      request: sent,
      response: {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: redactSecrets(body, connection.secrets),
        durationMs: Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : failureMessage(error);
    return { request: sent, error: redactSecrets(reason, connection.secrets) };
  }
}
