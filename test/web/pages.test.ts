/**
 * The pages' routes over HTTP: they load without a gateway key, carry the Content-Security-Policy,
 * serve the vendored libraries from the installed packages and every spec as JSON, and leave the
 * API's 404 fallback and key check as they were.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Gateway } from '../../src/gateway';
import { loadSpec } from '../../src/specs';
import { fakeProvider } from '../helpers/fake-provider';
import { getJson, startTestGateway } from '../helpers/gateway';
import { testApp } from '../helpers/test-app';

const key = 'ug_pages_test_key_0123456789';
const app = testApp([fakeProvider()], { apiKeys: [key] });

describe('the pages with gateway keys configured', () => {
  it.each([
    ['/', 'text/html', 'usage-gateway'],
    ['/explorer/app.js', 'text/javascript', 'createApi'],
    ['/explorer/style.css', 'text/css', '--accent'],
    ['/explorer/vendor/uPlot.iife.min.js', 'text/javascript', 'uPlot'],
    ['/explorer/vendor/uPlot.min.css', 'text/css', '.uplot'],
    ['/docs', 'text/html', 'swagger-ui'],
    ['/docs/page/docs.js', 'text/javascript', 'SwaggerUIBundle'],
    ['/docs/vendor/swagger-ui-bundle.js', 'text/javascript', 'SwaggerUIBundle'],
    ['/docs/vendor/swagger-ui.css', 'text/css', '.swagger-ui'],
  ])('GET %s loads without a key', async (path, type, contains) => {
    const response = await request(app).get(path).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect([response.status, response.headers['content-type']?.split(';')[0]]).toStrictEqual([200, type]);
    expect(response.body as string).toContain(contains);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves uPlot from the installed package', async () => {
    const response = await request(app).get('/explorer/vendor/uPlot.iife.min.js');
    expect(response.text).toBe(readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'));
  });

  it('gives the explorer a policy with no inline style or script, and /docs inline styles only', async () => {
    const explorer = String((await request(app).get('/')).headers['content-security-policy']);
    expect(explorer).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    const docs = (await request(app).get('/docs')).headers['content-security-policy'];
    expect(docs).toBe(explorer.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
  });

  it('still requires the key on /v1 and leaves the API without page headers', async () => {
    const response = await request(app).get('/v1/providers');
    expect(response.status).toBe(401);
    expect(response.headers['content-security-policy']).toBeUndefined();
    expect((await request(app).get('/v1/providers').set('authorization', `Bearer ${key}`)).status).toBe(200);
  });

  it.each(['/explorer/nothing.js', '/explorer/vendor/uPlot.cjs.js', '/docs/vendor/index.html', '/docs/specs/nothing.json', '/docs/specs/native/nobody.json', '/elsewhere'])(
    'answers %s with the route_not_found problem',
    async (path) => {
      const response = await request(app).get(path);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'route_not_found', detail: `No route GET ${path}` });
    },
  );

  it('answers a POST to a page with the problem the API gives any unknown route', async () => {
    const response = await request(app).post('/docs').send({});
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('route_not_found');
  });

  it('opens on no demo chart when the sandbox holds no demo data', async () => {
    expect((await request(app).get('/explorer/presets.json')).body).toStrictEqual({ demo: null });
  });
});

describe('the specs behind /docs on a gateway', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('lists the unified spec, each configured provider\'s native spec and each published one', async () => {
    const links = await getJson(`${gateway.url}/docs/specs.json`);
    expect(links.body).toStrictEqual({
      unified: { name: 'usage-gateway: the unified API', url: '/docs/specs/usage-api.json' },
      native: ['flexprice', 'sequence', 'svix'].map((id) => ({ name: `${id}: native ${id} API at /v1/native/${id}`, url: `/docs/specs/native/${id}.json` })),
      published: ['flexprice', 'sequence', 'svix'].map((type) => ({ name: `${type}: the provider's published spec`, url: `/docs/specs/${type}.json` })),
    });
    expect((await getJson(`${gateway.url}/docs/specs/usage-api.json`)).body).toStrictEqual(loadSpec('usage-api'));
    expect((await getJson(`${gateway.url}/docs/specs/sequence.json`)).body).toStrictEqual(loadSpec('sequence'));
  });

  it('serves a native spec at the gateway\'s path with the gateway\'s key schemes, not the provider\'s credentials', async () => {
    const spec = (await getJson(`${gateway.url}/docs/specs/native/flexprice.json`)).body;
    expect(spec.servers).toStrictEqual([{ url: '/v1/native/flexprice' }]);
    expect(Object.keys(spec.components.securitySchemes)).toStrictEqual(['GatewayBearer', 'GatewayApiKey', 'GatewayBasic']);
    expect(spec.security).toStrictEqual(loadSpec('usage-api').security);
    expect(JSON.stringify(spec)).not.toContain('sandbox-flexprice-key');
  });

  it('hands the explorer the demo data set\'s presets', async () => {
    const presets = (await getJson(`${gateway.url}/explorer/presets.json`)).body;
    expect(presets.demo).toMatchObject({
      from: '2026-09-01T00:00:00Z', to: '2026-10-31T00:00:00Z', customers: ['acme', 'globex', 'initech'],
      metrics: { flexprice: ['api_request', 'storage_snapshot'], sequence: ['api-requests', 'bytes-transferred', 'active-users'], svix: ['message_destinations'] },
    });
    // Each suggested metric answers on its sandbox provider.
    for (const [provider, metrics] of Object.entries(presets.demo.metrics as Record<string, string[]>)) {
      for (const metric of metrics) {
        const response = await fetch(`${gateway.url}/v1/usage/query`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ provider, metric, customers: ['acme'], from: presets.demo.from, to: '2026-09-02T00:00:00Z' }),
        });
        expect([provider, metric, response.status]).toStrictEqual([provider, metric, 200]);
      }
    }
  });
});
