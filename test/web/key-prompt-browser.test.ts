/**
 * With gateway API keys configured, the explorer page still loads, asks for a key on the API's
 * 401, says when a key is refused, and keeps the accepted key in session storage only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Gateway } from '../../src/gateway';
import { chromiumPath, openBrowser, type BrowserSession } from '../helpers/browser';
import { startTestGateway } from '../helpers/gateway';
import { requireSystemBinary } from '../helpers/system-deps';

jest.setTimeout(60_000);

const key = 'ug_browser_test_key_0123456789';
const describeWithChromium = requireSystemBinary('chromium', chromiumPath) ? describe : describe.skip;

describeWithChromium('the explorer when the gateway requires a key', () => {
  let gateway: Gateway;
  let browser: BrowserSession;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'usage-gateway-keyed-'));
    const file = path.join(dir, 'gateway.yaml');
    writeFileSync(file, `apiKeys: ["${key}"]\nproviders:\n  - { id: demo, type: flexprice, mode: sandbox }\n`);
    gateway = await startTestGateway({ env: { USAGE_GATEWAY_CONFIG: file } });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the key, refuses a wrong one with the gateway\'s sentence, and keeps the right one for the tab only', async () => {
    const { page, errors } = browser;
    await page.goto(`${gateway.url}/`);
    await page.waitForSelector('#key-dialog[open]');
    expect(await page.textContent('#key-message')).toBe('A gateway API key is required: send it as Authorization: Bearer, x-api-key, or the Basic user name');

    await page.fill('#key', 'not-the-key');
    await page.click('#key-form button[type=submit]');
    await page.locator('#key-message', { hasText: 'The gateway API key is not valid' }).waitFor();
    expect(await page.isVisible('#key-dialog')).toBe(true);

    await page.fill('#key', key);
    await page.click('#key-form button[type=submit]');
    await page.locator('body[data-finished="1"]').waitFor();
    expect(await page.isVisible('#key-dialog')).toBe(false);
    expect(await page.locator('#provider option').allTextContents()).toStrictEqual(['demo (flexprice)']);
    expect(await page.isVisible('#error')).toBe(false);
    expect(await page.evaluate("document.getElementById('chart').plot?.data[0].length")).toBe(60);

    const storage = await page.evaluate('({ session: { ...sessionStorage }, local: localStorage.length, cookies: document.cookie })');
    expect(storage).toStrictEqual({ session: { 'usage-gateway.key': key }, local: 0, cookies: '' });
    // The two refusals before the key was right, and nothing else.
    expect(errors).toStrictEqual([
      'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
      'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
  });

  it('shows the 401 as the page\'s error when the prompt is dismissed, in a tab that has no key yet', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${gateway.url}/`);
    await page.waitForSelector('#key-dialog[open]');
    await page.keyboard.press('Escape');
    await page.locator('body[data-finished="1"]').waitFor();
    expect(await page.isVisible('#key-dialog')).toBe(false);
    expect(await page.textContent('#error h2')).toBe('A valid gateway API key is required');
    expect(await page.textContent('#error .detail')).toBe('A gateway API key is required: send it as Authorization: Bearer, x-api-key, or the Basic user name');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(errors).toStrictEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await page.close();
  });
});
