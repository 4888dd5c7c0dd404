/**
 * The usage explorer in a real headless Chromium against a whole gateway with the sandbox's demo
 * data: it loads cleanly from this origin only, lists the providers, draws the API's windows,
 * shows problems as sentences, follows Svix's asynchronous tasks, and asks for a key when needed.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Gateway } from '../../src/gateway';
import { chromiumPath, openBrowser, screenshotPath, type BrowserSession } from '../helpers/browser';
import { getJson, postJson, startTestGateway } from '../helpers/gateway';
import { requireSystemBinary } from '../helpers/system-deps';

jest.setTimeout(60_000);

interface Window {
  start: string;
  end: string;
  value: number;
}

/** What the chart drew: uPlot's own data, x in seconds. */
const plotted = (page: Page) => page.evaluate<number[][] | undefined>("document.getElementById('chart').plot?.data");
const asPlotted = (windows: Window[]) => [windows.map((item) => Date.parse(item.start) / 1000), windows.map((item) => item.value)];

/**
 * Waits until the page has finished its `count`-th query. (A selector, not a predicate function:
 * the page's Content-Security-Policy forbids the eval that string predicates need.)
 */
const finished = (page: Page, count: number) => page.locator(`body[data-finished="${count}"]`).waitFor();

const resourceErrors = (errors: string[], status: number) => errors.filter((text) => text.startsWith(`Failed to load resource: the server responded with a status of ${status}`));

const describeWithChromium = requireSystemBinary('chromium', chromiumPath) ? describe : describe.skip;

describeWithChromium('the usage explorer in Chromium', () => {
  let gateway: Gateway;
  let browser: BrowserSession;
  const requested: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ sandbox: { svixTaskDelayMs: 1_500 } });
    browser = await openBrowser();
    browser.page.on('request', (request) => requested.push(request.url()));
    await browser.page.goto(`${gateway.url}/`);
    await finished(browser.page, 1);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('opens on the demo chart with no console error, loading nothing from elsewhere', async () => {
    const { page, errors } = browser;
    expect(errors).toStrictEqual([]);
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !url.startsWith(`${gateway.url}/`))).toStrictEqual([]);
    const demo = await postJson(`${gateway.url}/v1/usage/query`, {
      provider: 'flexprice', metric: 'api_request', aggregation: 'count', windowSize: 'DAY',
      customers: ['acme', 'globex', 'initech'], from: '2026-09-01T00:00:00Z', to: '2026-10-31T00:00:00Z',
    });
    expect(demo.status).toBe(200);
    expect(demo.body.windows).toHaveLength(60);
    expect(await plotted(page)).toStrictEqual(asPlotted(demo.body.windows));
    expect(await page.textContent('#total')).toBe(demo.body.value.toLocaleString('en-US'));
    expect(await page.locator('#windows-table tbody tr').count()).toBe(60);
    const screenshot = screenshotPath('explorer.png');
    await page.screenshot({ path: screenshot });
    // `USAGE_GATEWAY_UPDATE_SCREENSHOTS=1 npx jest test/web` refreshes the README's picture.
    if (process.env.USAGE_GATEWAY_UPDATE_SCREENSHOTS === '1') copyFileSync(screenshot, path.resolve(__dirname, '..', '..', 'docs', 'explorer.png'));
  });

  it('lists the providers of GET /v1/providers and offers what each can answer', async () => {
    const { page } = browser;
    const providers = (await getJson(`${gateway.url}/v1/providers`)).body.providers as { id: string; type: string }[];
    const values = (selector: string) => page.locator(`${selector} option`).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('value')));
    const options = await values('#provider');
    expect(options).toStrictEqual(providers.map((provider) => provider.id));

    await page.selectOption('#provider', 'svix');
    expect(await page.isDisabled('#window')).toBe(true);
    expect(await values('#aggregation')).toStrictEqual(['', 'count']);
    expect(await page.inputValue('#metric')).toBe('message_destinations');

    await page.selectOption('#provider', 'sequence');
    expect(await values('#window')).toStrictEqual(['', 'DAY', 'WEEK', 'MONTH']);
    expect(await values('#aggregation')).toStrictEqual(['', 'count', 'sum', 'count_unique']);
    expect(await page.inputValue('#metric')).toBe('api-requests');
  });

  it('runs a query and draws the windows the API answers', async () => {
    const { page, errors } = browser;
    const before = Number(await page.getAttribute('body', 'data-finished'));
    await page.selectOption('#provider', 'flexprice');
    await page.fill('#metric', 'api_request');
    await page.selectOption('#aggregation', 'sum');
    await page.fill('#property', 'bytes');
    await page.selectOption('#window', 'WEEK');
    await page.fill('#customers', 'acme');
    await page.fill('#from', '2026-09-01');
    await page.fill('#to', '2026-10-01');
    await page.click('#run');
    await finished(page, before + 1);

    const direct = await postJson(`${gateway.url}/v1/usage/query`, {
      provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', windowSize: 'WEEK',
      customers: ['acme'], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z',
    });
    expect(direct.status).toBe(200);
    expect(await plotted(page)).toStrictEqual(asPlotted(direct.body.windows));
    expect(await page.textContent('#total')).toBe(direct.body.value.toLocaleString('en-US'));
    expect(JSON.parse((await page.textContent('#raw')) ?? '')).toStrictEqual(direct.body);
    expect(await page.isVisible('#error')).toBe(false);
    expect(errors).toStrictEqual([]);

    // The URL names the query: opened in another tab, it draws the same chart.
    const link = page.url();
    expect(new URL(link).hash).toBe('#provider=flexprice&metric=api_request&customers=acme&from=2026-09-01&to=2026-10-01&window=WEEK&aggregation=sum&property=bytes');
    const other = await browser.context.newPage();
    await other.goto(link);
    await finished(other, 1);
    expect(await plotted(other)).toStrictEqual(asPlotted(direct.body.windows));
    expect(await other.inputValue('#customers')).toBe('acme');
    await other.close();
  });

  it('shows a refused query as the problem\'s sentences', async () => {
    const { page, errors } = browser;
    const before = Number(await page.getAttribute('body', 'data-finished'));
    await page.selectOption('#provider', 'flexprice');
    await page.fill('#from', '2026-10-01');
    await page.fill('#to', '2026-09-01');
    await page.click('#run');
    await finished(page, before + 1);

    const direct = await postJson(`${gateway.url}/v1/usage/query`, {
      provider: 'flexprice', metric: 'api_request', aggregation: 'sum', property: 'bytes', windowSize: 'WEEK',
      customers: ['acme'], from: '2026-10-01T00:00:00Z', to: '2026-09-01T00:00:00Z',
    });
    expect(direct.status).toBe(400);
    expect(await page.isVisible('#error')).toBe(true);
    expect(await page.textContent('#error h2')).toBe(direct.body.title);
    expect(await page.textContent('#error .detail')).toBe(direct.body.detail);
    expect(await page.isVisible('#report')).toBe(false);
    expect(errors).toStrictEqual(resourceErrors(errors, 400));
    expect(errors).toHaveLength(1);
    errors.length = 0;
  });

  it('follows a Svix query through its task, showing progress, to the report', async () => {
    const { page, errors } = browser;
    const before = Number(await page.getAttribute('body', 'data-finished'));
    await page.selectOption('#provider', 'svix');
    await page.fill('#customers', 'acme, globex');
    await page.fill('#from', '2026-09-01');
    await page.fill('#to', '2026-10-01');
    await page.click('#run');
    await page.waitForSelector('#progress:not([hidden])');
    expect(await page.textContent('#progress-text')).toMatch(/^svix is computing \(task ugt_[A-Za-z0-9_-]+, \d+\.\d s\)…$/);
    await finished(page, before + 1);
    expect(await page.isVisible('#progress')).toBe(false);

    const direct = await postJson(`${gateway.url}/v1/usage/query`, {
      provider: 'svix', metric: 'message_destinations', customers: ['acme', 'globex'], from: '2026-09-01T00:00:00Z', to: '2026-10-01T00:00:00Z',
    });
    expect(direct.status).toBe(200);
    expect(await page.textContent('#total')).toBe(direct.body.value.toLocaleString('en-US'));
    const groups = await page.locator('#groups-table tbody tr td:first-child').allTextContents();
    expect(groups).toStrictEqual(direct.body.groups.map((group: { key: string }) => group.key));
    expect(await page.textContent('#chart-note')).toMatch(/No window asked/);
    expect(errors).toStrictEqual([]);
  });
});
