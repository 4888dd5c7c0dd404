/** The request budget: a hard cap on requests, counted per provider, shared with the gateway's fetch. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BudgetSpentError, createBudget } from '../../src/verify/budget';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createBudget', () => {
  it('hands out at most maxRequests slots, counting each provider\'s', async () => {
    const budget = createBudget({ maxRequests: 3, rate: 1000 });
    expect(await Promise.all([budget.take('a'), budget.take('b'), budget.take('a'), budget.take('b')])).toStrictEqual([true, true, true, false]);
    expect([budget.sent('a'), budget.sent('b'), budget.sent('c'), budget.remaining()]).toStrictEqual([2, 1, 0, 0]);
  });

  it('counts the fetch\'s calls by the provider they reach, and refuses calls past the budget', async () => {
    const budget = createBudget({ maxRequests: 2, rate: 1000 });
    const fetch = budget.fetch((target) => (target.startsWith(url) ? 'local' : undefined));
    expect(await (await fetch(`${url}/x`)).text()).toBe('ok');
    await fetch(`${url}/y`);
    await expect(fetch(`${url}/z`)).rejects.toBeInstanceOf(BudgetSpentError);
    expect([budget.sent('local'), budget.remaining()]).toStrictEqual([2, 0]);
  });
});
