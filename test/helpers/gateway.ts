/** A whole gateway on an ephemeral loopback port, with every response checked against its spec. */
import { loadConfig, type Config } from '../../src/config';
import { startGateway, type Gateway } from '../../src/gateway';

export async function startTestGateway(
  overrides: { sandbox?: Partial<Config['sandbox']>; env?: NodeJS.ProcessEnv; now?: () => number } = {},
): Promise<Gateway> {
  const config = loadConfig({ PORT: '0', ...overrides.env });
  config.sandbox = { ...config.sandbox, ...overrides.sandbox };
  return startGateway({ config, validateResponses: true, now: overrides.now });
}

/** Parsed JSON bodies: tests assert on them field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON the gateway answers
type Json = any;

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
