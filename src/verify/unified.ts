/**
 * Questions to the unified API of the in-process gateway, through the typed client like any app:
 * one query, waited for when the provider is asynchronous (a 202 task is polled until done).
 */
import type { UsageClient } from '../client';
import type { components } from '../../generated/usage-api';
import type { Exchange } from './model';

export type UsageQuery = components['schemas']['UsageQuery'];
export type UsageReport = components['schemas']['UsageReport'];
export type Capabilities = components['schemas']['Capabilities'];

/** A report, or the gateway's refusal as an exchange a failure can show. */
export type Answer = { report: UsageReport; exchange: Exchange } | { report?: undefined; exchange: Exchange; reason: string };

const exchangeOf = (url: string, query: UsageQuery, status: number, body: unknown, durationMs: number): Exchange => ({
  request: { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: query },
  response: { status, contentType: 'application/json', body: JSON.stringify(body), durationMs },
});

export async function ask(client: UsageClient, gatewayUrl: string, query: UsageQuery, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  const url = `${gatewayUrl}/v1/usage/query`;
  const elapsed = () => Math.round(performance.now() - started);
  // waitSeconds lets the gateway poll an asynchronous provider itself, up to the API's 30 s.
  const first = await client.POST('/v1/usage/query', { body: { ...query, waitSeconds: Math.min(30, timeoutMs / 1000) } });
  if (first.data?.status === 'complete') return { report: first.data, exchange: exchangeOf(url, query, first.response.status, first.data, elapsed()) };
  let task = first.data;
  const deadline = Date.now() + timeoutMs;
  while (task && task.status === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const polled = await client.GET('/v1/usage/tasks/{taskId}', { params: { path: { taskId: task.taskId } } });
    if (polled.data?.status === 'complete') return { report: polled.data, exchange: exchangeOf(url, query, polled.response.status, polled.data, elapsed()) };
    if (!polled.data) return { exchange: exchangeOf(url, query, polled.response.status, polled.error, elapsed()), reason: `the gateway answered ${polled.response.status}` };
    task = polled.data;
  }
  if (task) return { exchange: exchangeOf(url, query, 202, task, elapsed()), reason: `the task did not finish within ${timeoutMs} ms` };
  const problem = first.error as { detail?: string } | undefined;
  return { exchange: exchangeOf(url, query, first.response.status, first.error, elapsed()), reason: `the gateway answered ${first.response.status}${problem?.detail ? `: ${problem.detail}` : ''}` };
}

export async function capabilitiesOf(client: UsageClient, provider: string): Promise<Capabilities | undefined> {
  const { data } = await client.GET('/v1/providers/{providerId}', { params: { path: { providerId: provider } } });
  return data?.capabilities;
}

/** Equal up to floating-point summation error. */
export function close(left: number, right: number): boolean {
  return Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
}

export const sumOf = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
