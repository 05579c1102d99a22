import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/alerts?site=${site}`);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.locator('form.alert-settings').waitFor();
}

async function save(page: Page, said: string): Promise<void> {
  await page.click('form.alert-settings button[type=submit]');
  await page.locator('form.alert-settings [role=status]', { hasText: said }).waitFor();
  expect(await page.locator('form.alert-settings [role=status]').innerText()).toBe(said);
}

async function settings(): Promise<{ leadBurst: { limit: number; windowMinutes: number } | null }> {
  const res = await fetch(`${server.url}/api/sites/${site}/alerts`, {
    headers: { authorization: 'Bearer alerts-ui-token' },
  });
  return ((await res.json()) as { settings: { leadBurst: { limit: number; windowMinutes: number } | null } })
    .settings;
}

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
    expect(await page.locator('table tbody tr').first().innerText()).toContain('Sent');
    expect(errors).toEqual([]);
  }, 60_000);

  it('saves lead grouping (leadBurst) through the form, off as null, and names a refused field in words', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page);
    const limit = page.locator('input[name=burstLimit]');
    // The collector's default: 5 lead alerts per 5 minutes.
    expect(await page.isChecked('input[name=burst]')).toBe(true);
    expect(await limit.inputValue()).toBe('5');
    await limit.fill('3');
    await page.fill('input[name=burstWindow]', '2');
    await save(page, 'Saved.');
    expect(await settings()).toMatchObject({ leadBurst: { limit: 3, windowMinutes: 2 } });

    await page.reload();
    await limit.waitFor();
    expect([await limit.inputValue(), await page.inputValue('input[name=burstWindow]')]).toEqual(['3', '2']);
    await page.uncheck('input[name=burst]');
    expect(await limit.isDisabled()).toBe(true);
    await save(page, 'Saved.');
    expect((await settings()).leadBurst).toBeNull();

    await page.check('input[name=burst]');
    await limit.fill('0');
    await save(page, 'Lead alerts per window: enter a whole number from 1 to 1000');
    expect(await limit.getAttribute('aria-invalid')).toBe('true');
    expect((await settings()).leadBurst).toBeNull();
    await limit.fill('10');
    await page.fill('input[name=burstWindow]', '61');
    await save(page, 'Window, minutes: enter a whole number of minutes from 1 to 60 (at most 60)');
    expect((await settings()).leadBurst).toBeNull();
  }, 60_000);

  it('speaks Russian to a Russian browser: headings, labels, log rows, times in its locale', async () => {
    const page = await browser.newPage({ locale: 'ru-RU' });
    await signIn(page);
    await page.getByRole('heading', { name: 'Журнал отправок' }).waitFor();
    const h2 = await page.locator('main h2').allInnerTexts();
    expect(h2).toEqual(['Каналы', 'Новый канал', 'О чём оповещать', 'Журнал отправок']);
    expect(await page.locator('form.alert-settings legend').allInnerTexts()).toEqual([
      'Лиды',
      'Рабочие часы (ни один день не отмечен — круглосуточно)',
      'Много лидов сразу',
    ]);
    expect(await page.locator('select[name=digest] option').allInnerTexts()).toEqual([
      'Раз в неделю',
      'Каждый день',
      'Не присылать',
    ]);
    expect(await page.getByRole('button', { name: 'Отправить тестовое оповещение' }).count()).toBe(1);
    expect(await page.locator('table thead th').allInnerTexts()).toEqual([
      'Время',
      'Канал',
      'Оповещение',
      'Статус',
      'Код',
      'Попытки',
      'Следующая попытка',
      '',
    ]);
    const row = page.locator('table tbody tr').last();
    expect(await row.locator('[data-col=type]').innerText()).toBe('Тест');
    expect(await row.locator('[data-col=status]').innerText()).toBe('Отправлено');
    // dd.mm, 24-hour clock: how ru-RU writes a time.
    expect(await row.locator('td').first().innerText()).toMatch(/^\d\d\.\d\d, \d\d:\d\d$/);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Сохранено.').waitFor();
  }, 60_000);
});
