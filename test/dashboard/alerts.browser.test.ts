import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../collector/server';
import { type HttpReceiver, httpReceiver } from '../support/alert-receivers';
import { ensureDashboardBuilt } from '../support/ensure-dashboard-built';
import { launchChromium } from '../support/launch-chromium';

const PASSWORD = 'alerts view test password';
let dir: string;
let server: RunningServer;
let browser: Browser;
let hook: HttpReceiver;
let site: string;

beforeAll(async () => {
  ensureDashboardBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-alerts-ui-'));
  server = await startServer({
    port: 0,
    dbPath: join(dir, 'tp.db'),
    adminToken: 'alerts-ui-token',
    adminPassword: PASSWORD,
  });
  const res = await fetch(`${server.url}/api/sites`, {
    method: 'POST',
    headers: { authorization: 'Bearer alerts-ui-token', 'content-type': 'application/json' },
    body: JSON.stringify({ domain: 'localhost' }),
  });
  site = ((await res.json()) as { publicId: string }).publicId;
  hook = await httpReceiver();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hook?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard Alerts view (real Chromium)', () => {
  it('adds a webhook channel, sends a test alert it receives, saves lead kinds, shows the log', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/#/alerts?site=${site}`);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.getByText('No channels yet').waitFor();

    const secret = await page.inputValue('form.add-channel input[name=secret]');
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    await page.fill('form.add-channel input[name=url]', `${hook.url}/hook`);
    await page.click('form.add-channel button[type=submit]');
    await page.locator('li.channel').waitFor();
    expect(await page.locator('li.channel').innerText()).not.toContain(secret);

    await page.getByRole('button', { name: 'Send a test alert' }).click();
    await page.getByText('Delivered (200)').waitFor();
    const [got] = await hook.waitFor(1);
    expect(JSON.parse(got!.body)).toMatchObject({ version: 1, type: 'test' });

    await page.check('input[name=lead-form_submit]');
    await page.fill('input[name=forms]', 'booking, callback');
    await page.selectOption('select[name=language]', 'ru');
    await page.click('form.alert-settings button[type=submit]');
    await page.getByText('Saved.').waitFor();
    const api = await fetch(`${server.url}/api/sites/${site}/alerts`, {
      headers: { authorization: 'Bearer alerts-ui-token' },
    });
    const body = (await api.json()) as {
      settings: { leadKinds: string[]; forms: string[]; language: string };
    };
    expect(body.settings).toMatchObject({
      leadKinds: ['callback_request', 'form_submit', 'chat_open'],
      forms: ['booking', 'callback'],
      language: 'ru',
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    expect(await page.locator('table tbody tr').first().innerText()).toContain('sent');
    expect(errors).toEqual([]);
  }, 60_000);
});
