import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpReceiver, httpReceiver } from '../support/alert-receivers';
import {
  ARTIFACTS,
  type DashboardHarness,
  openView,
  shot,
  startDashboard,
} from '../support/dashboard-harness';

const WEBHOOK_SECRET = 'whsec-screenshot-0123456789abcdef';
const BOT_TOKEN = '123456:screenshot-token';
let d: DashboardHarness;
let hook: HttpReceiver;
let telegram: HttpReceiver;

beforeAll(async () => {
  d = await startDashboard();
  hook = await httpReceiver();
  telegram = await httpReceiver();
  const base = `/api/sites/${d.site}/alerts`;
  const post = (path: string, body: unknown) =>
    d.json(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const webhook = await post('/channels', {
    kind: 'webhook',
    name: 'CRM webhook',
    url: `${hook.url}/touchpoint`,
    secret: WEBHOOK_SECRET,
  });
  await post('/channels', {
    kind: 'telegram',
    name: 'Sales chat',
    botToken: BOT_TOKEN,
    chatId: '-1001234567890',
    apiBase: telegram.url,
  });
  await post('/channels', {
    kind: 'email',
    name: 'Front desk',
    host: '127.0.0.1',
    port: 2525,
    from: 'alerts@clinic.example',
    to: ['desk@clinic.example'],
    enabled: false,
  });
  await d.json(`${base}/settings`, {
    method: 'PATCH',
    body: JSON.stringify({
      leadKinds: ['callback_request', 'form_submit', 'call_click'],
      forms: ['booking'],
      businessHours: { days: [0, 1, 2, 3, 4], open: '09:00', close: '18:00' },
      digest: 'daily',
    }),
  });
  // One delivery in the log.
  await post(`/channels/${webhook.id}/test`, {});
}, 300_000);

afterAll(async () => {
  await hook?.close();
  await telegram?.close();
  await d?.close();
});

describe('Alerts view screenshots (real Chromium)', () => {
  for (const width of [1280, 390]) {
    it(`the settings of a site with three channels at ${width} px`, async () => {
      const page = await d.page({ viewport: { width, height: 900 } });
      await openView(page, `${d.url}/#/alerts?site=${d.site}`);
      await page.locator('li.channel').nth(2).waitFor();
      const channels = await page.locator('li.channel').allInnerTexts();
      expect(channels).toHaveLength(3);
      expect(channels.join('\n')).toContain('CRM webhook');
      // Secrets are masked on screen too.
      const text = await page.locator('main').innerText();
      expect(text).not.toContain(WEBHOOK_SECRET);
      expect(text).not.toContain(BOT_TOKEN);
      expect(await page.isChecked('input[name=lead-call_click]')).toBe(true);
      expect(await page.inputValue('input[name=forms]')).toBe('booking');
      expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
      // Nothing wider than the screen: a phone never scrolls sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `alerts-settings-${width}`);
      expect(existsSync(join(ARTIFACTS, `alerts-settings-${width}.png`))).toBe(true);
      expect(d.incidents).toEqual([]);
    }, 60_000);
  }
});
