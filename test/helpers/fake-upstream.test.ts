import { startFakeUpstream } from './fake-upstream';

describe('startFakeUpstream', () => {
  it('records conforming requests and flags violations', async () => {
    const upstream = await startFakeUpstream('flexprice', '/v1');
    upstream.respond(() => ({ status: 200, body: { event_name: 'x', type: 'COUNT' } }));
    try {
      const ok = await fetch(`${upstream.baseUrl}/events/usage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: JSON.stringify({ event_name: 'x', aggregation_type: 'COUNT' }),
      });
      expect(ok.status).toBe(200);
      const bad = await fetch(`${upstream.baseUrl}/events/usage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: JSON.stringify({ event_name: 'x', aggregation_type: 'NOPE' }),
      });
      expect(bad.status).toBe(599);
      expect(upstream.requests.map((request) => request.violations.length)).toStrictEqual([0, 1]);
      expect(upstream.requests[1]?.violations[0]).toMatch(/aggregation_type/);
    } finally {
      await upstream.close();
    }
  });
});
