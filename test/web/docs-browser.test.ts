/** /docs in a real headless Chromium: Swagger UI renders the unified API from this origin alone. */
import type { Gateway } from '../../src/gateway';
import { loadSpec } from '../../src/specs';
import { chromiumPath, openBrowser, screenshotPath, type BrowserSession } from '../helpers/browser';
import { startTestGateway } from '../helpers/gateway';
import { requireSystemBinary } from '../helpers/system-deps';

jest.setTimeout(60_000);

const describeWithChromium = requireSystemBinary('chromium', chromiumPath) ? describe : describe.skip;

describeWithChromium('the API reference in Chromium', () => {
  let gateway: Gateway;
  let browser: BrowserSession;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('renders every operation of the unified API, tries one, and lists the native specs, with no console error or outside request', async () => {
    const { page, errors } = browser;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${gateway.url}/docs`);
    await page.waitForSelector('.opblock-summary-path');
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    const specPaths = Object.keys((loadSpec('usage-api') as { paths: Record<string, unknown> }).paths);
    expect(paths.map((text) => text.replace(/\u200b/g, '')).sort()).toStrictEqual([...specPaths].sort());
    expect(paths).toHaveLength(specPaths.length);
    const definitions = await page.locator('.download-url-wrapper select option').allTextContents();
    expect(definitions).toStrictEqual([
      'usage-gateway: the unified API',
      'flexprice: native flexprice API at /v1/native/flexprice',
      'sequence: native sequence API at /v1/native/sequence',
      'svix: native svix API at /v1/native/svix',
    ]);
    expect(await page.locator('#spec-links a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toStrictEqual([
      '/docs/specs/usage-api.json', '/docs/specs/native/flexprice.json', '/docs/specs/native/sequence.json', '/docs/specs/native/svix.json',
      '/docs/specs/flexprice.json', '/docs/specs/sequence.json', '/docs/specs/svix.json',
    ]);

    // "Try it out" calls this gateway from the page.
    await page.locator('#operations-Providers-listProviders .opblock-summary-control').click();
    await page.locator('#operations-Providers-listProviders .try-out__btn').click();
    await page.locator('#operations-Providers-listProviders .execute').click();
    const status = page.locator('#operations-Providers-listProviders .live-responses-table .response .response-col_status');
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('200');
    expect(await page.locator('#operations-Providers-listProviders .live-responses-table .microlight').first().textContent()).toContain('"providers"');

    await page.selectOption('.download-url-wrapper select', { label: 'svix: native svix API at /v1/native/svix' });
    await page.locator('.opblock-summary-description', { hasText: 'Get Background Task' }).waitFor();
    await page.screenshot({ path: screenshotPath('docs.png') });
    expect(errors).toStrictEqual([]);
    expect(requested.filter((url) => !url.startsWith(`${gateway.url}/`))).toStrictEqual([]);
  });
});
