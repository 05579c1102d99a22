import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../collector/db/open-database';
import { startServer } from '../../collector/server';
import { createSite } from '../../collector/store/sites';
import { launchChromium } from '../support/launch-chromium';
import { buildSdkIfStale } from './build-sdk-if-stale';
import { type Listening, startFixtureServer, startFlakyProxy } from './fixture-server';
import { waitFor } from './wait-for';

// The SDK in real Chromium against the real collector and its SQLite file: what a site owner
// would see after a visitor clicked through the page.

type Row = { name: string; path: string; url: string; referrer: string | null; props: string | null };

let dir: string;
let collector: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let site: { main: string; spa: string; flaky: string; chat: string };
let mainSecret: string;
let fixture: Listening;
let flakyFixture: Listening;
let proxy: Awaited<ReturnType<typeof startFlakyProxy>>;
let failing = true;

const rows = (s: string): Row[] =>
  collector.db
    .prepare('SELECT name, path, url, referrer, props FROM events_v WHERE site = ? ORDER BY ts, id')
    .all(s) as Row[];
const count = (list: Row[]) =>
  list.reduce<Record<string, number>>((acc, r) => {
    acc[r.name] = (acc[r.name] ?? 0) + 1;
    return acc;
  }, {});

const waitForNames = (s: string, names: string[]) =>
  waitFor(`${names.join(', ')} in ${s}`, () => {
    const have = count(rows(s));
    return names.every((n) => have[n]) && have;
  });

const pageErrors = (page: Page) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
};

beforeAll(async () => {
  buildSdkIfStale();
  dir = mkdtempSync(join(tmpdir(), 'tp-sdk-browser-'));
  const dbPath = join(dir, 'tp.db');
  const db = openDatabase(dbPath);
  // Headless Chromium is a bot; the test sites count bots and accept the fixture host.
  const make = () =>
    createSite(db, { domain: 'localhost', hostnames: ['localhost', '127.0.0.1'], countBots: true });
  const main = make();
  mainSecret = main.secret;
  site = { main: main.publicId, spa: make().publicId, flaky: make().publicId, chat: make().publicId };
  db.close();
  collector = await startServer({ port: 0, dbPath });
  fixture = await startFixtureServer({
    SITE: site.main,
    ENDPOINT: collector.url,
    OUTBOUND: `${collector.url}/landing`,
  });
  proxy = await startFlakyProxy(collector.url, () => failing);
  flakyFixture = await startFixtureServer({ SITE: site.flaky, ENDPOINT: proxy.url, OUTBOUND: '' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await flakyFixture?.close();
  await proxy?.close();
  await collector?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SDK in Chromium, stored by the real collector', () => {
  test('clicking through a page with every touchpoint leaves exactly the expected rows', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(
      `${fixture.url}/touchpoints.html?utm_source=newsletter&gclid=abc123&q=red+shoes&email=jane%40x.example`,
    );
    await page.waitForFunction(() => (window as unknown as { tp?: { t?: 1 } }).tp?.t === 1);
    // The fake Intercom's onShow hook comes from the lazily loaded chat chunk, a moment after t.js.
    await page.waitForFunction(
      () => (window as unknown as { __intercomOnShow?: unknown[] }).__intercomOnShow?.length,
    );

    for (const id of ['tel', 'mail', 'wa', 'pdf', 'tagged-tel', 'callback', 'chat', 'intercom', 'calc'])
      await page.click(`#${id}`);
    await page.evaluate(() => getSelection()!.selectAllChildren(document.getElementById('phone-text')!));
    await page.keyboard.press('Control+C');
    await page.click('#lead-submit'); // empty required field in a novalidate form: not a conversion, a form_invalid
    await page.fill('#lead [name=email]', 'jane@x.example');
    await page.click('#lead-submit');
    await page.fill('#survey [name=company]', 'ACME secret');
    await page.check('#five');
    await page.click('#review-submit');
    // The lead's signature, as the site's server renders it into the page (README: identify).
    const sig = createHmac('sha256', mainSecret).update('lead-42').digest('hex');
    await page.evaluate(
      (s) => (window as unknown as { tp: (...a: unknown[]) => void }).tp('identify', 'lead-42', s),
      sig,
    );
    // Sent by the batch timer while the page is open; vitals come from the lazily loaded chunk.
    await waitForNames(site.main, ['pageview', 'identify', 'web_vital']);

    await page.click('#leave'); // navigates away: outbound_click, engagement, form_abandon go in the pagehide beacon
    await page.waitForURL(`${collector.url}/landing`);
    const have = await waitForNames(site.main, ['outbound_click', 'engagement', 'form_abandon']);
    await context.close();

    // This page's tagged buttons and cancelled links answer nothing: whether a click on one is judged
    // dead depends on how soon the next click comes (sdk-interactions.test.ts judges them alone).
    const { web_vital: vitals, dead_click: _dead, ...rest } = have;
    expect(rest).toEqual({
      pageview: 1,
      site_search: 1,
      call_click: 1,
      email_click: 1,
      messenger_click: 1,
      file_download: 1,
      hotline_click: 1,
      callback_request: 1,
      chat_open: 2,
      price_calculated: 1,
      contact_copy: 1,
      form_start: 3,
      form_submit: 1,
      form_invalid: 1,
      review_submit: 1,
      identify: 1,
      outbound_click: 1,
      engagement: 1,
      form_abandon: 1,
    });
    expect(vitals).toBeGreaterThanOrEqual(2);

    const all = rows(site.main);
    const props = (name: string) =>
      all.filter((r) => r.name === name).map((r) => JSON.parse(r.props ?? '{}') as Record<string, unknown>);
    const pageview = all.find((r) => r.name === 'pageview')!;
    expect(pageview.url).toContain('utm_source=newsletter');
    expect(pageview.url).toContain('gclid=abc123');
    expect(pageview.url).not.toMatch(/shoes|jane|email=/);
    expect(props('pageview')[0]).toMatchObject({ title: 'Every touchpoint' });
    expect(props('call_click')).toEqual([{ phone: '78005553535' }]);
    expect(props('email_click')).toEqual([{ domain: 'shop.example' }]);
    expect(props('messenger_click')).toEqual([{ messenger: 'whatsapp' }]);
    expect(props('file_download')).toEqual([{ file: 'price-list.pdf', ext: 'pdf' }]);
    expect(props('hotline_click')).toEqual([{ line: 'sales' }]);
    expect(
      props('chat_open')
        .map((p) => p.widget)
        .sort(),
    ).toEqual(['custom', 'intercom']);
    expect(props('contact_copy')).toEqual([{ kind: 'phone' }]);
    expect(props('form_submit')).toEqual([{ form: 'lead' }]);
    expect(props('form_invalid')).toEqual([{ form: 'lead', field: 'email' }]);
    expect(props('review_submit')).toEqual([{ rating: 5 }]);
    expect(props('form_abandon')).toEqual([{ form: 'survey', field: 'company' }]);
    expect(props('site_search')).toEqual([{ param: 'q' }]);
    expect(props('identify')).toEqual([{ lead: 'lead-42' }]);
    expect(collector.db.prepare('SELECT lead FROM leads').pluck().all()).toEqual(['lead-42']);
    expect(props('outbound_click')[0]!.host).toBe('127.0.0.1');
    expect(props('engagement')[0]!.seconds).toBeGreaterThanOrEqual(1);
    expect(props('web_vital').map((p) => p.metric)).toEqual(expect.arrayContaining(['FCP', 'TTFB']));
    // Form values and the search term never left the browser.
    expect(JSON.stringify(all)).not.toMatch(/jane|ACME|shoes|sales@/);
    expect(errors).toEqual([]);
  });

  test('an SPA navigation (replaceState + pushState) counts once; a page marked 404 is not_found', async () => {
    const spaFixture = await startFixtureServer({ SITE: site.spa, ENDPOINT: collector.url, OUTBOUND: '' });
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = pageErrors(page);
    try {
      await page.goto(`${spaFixture.url}/spa.html`);
      await waitForNames(site.spa, ['pageview']);
      await page.click('#go');
      await page.evaluate(() =>
        (window as unknown as { tp: (...a: unknown[]) => void }).tp('track', 'marker'),
      );
      // Events leave in order, so once the marker is stored nothing before it is still on the way.
      await waitForNames(site.spa, ['marker']);
      expect(
        rows(site.spa)
          .filter((r) => r.name === 'pageview')
          .map((r) => r.path),
      ).toEqual(['/spa.html', '/spa/products']);

      await page.goto(`${spaFixture.url}/not-found.html`);
      const stored = await waitForNames(site.spa, ['not_found']);
      expect(stored.pageview).toBe(3);
      expect(rows(site.spa).find((r) => r.name === 'not_found')!.path).toBe('/not-found.html');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await spaFixture.close();
    }
  });

  test("a chat opened from the widget's own launcher 300 ms after load counts once (Jivo; Crisp and Tawk.to added late by a tag manager)", async () => {
    const chatFixture = await startFixtureServer({ SITE: site.chat, ENDPOINT: collector.url, OUTBOUND: '' });
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = pageErrors(page);
    type ChatPage = {
      tp: (...a: unknown[]) => void;
      fakeCrispHandlers: Record<string, unknown>;
      Tawk_API: { onChatMaximized: unknown; minimize(): void };
      siteTawkHandler: unknown;
      siteTawkOpens: number;
      siteJivoOpens: number;
      jivo_api: { close(): void };
    };
    const opens = () => {
      const byWidget: Record<string, number> = {};
      for (const r of rows(site.chat).filter((r) => r.name === 'chat_open')) {
        const widget = String((JSON.parse(r.props ?? '{}') as { widget?: string }).widget);
        byWidget[widget] = (byWidget[widget] ?? 0) + 1;
      }
      return byWidget;
    };
    const track = (name: string) =>
      page.evaluate((n) => (window as unknown as ChatPage).tp('track', n), name);
    const siteOpens = () =>
      page.evaluate(() => [
        (window as unknown as ChatPage).siteJivoOpens,
        (window as unknown as ChatPage).siteTawkOpens,
      ]);
    // The chat chunk has hooked Crisp (its one chat:opened handler) and Tawk (onChatMaximized wrapped).
    const hooked = () =>
      page.evaluate(() => {
        const w = window as unknown as ChatPage;
        return [!!w.fakeCrispHandlers['chat:opened'], w.Tawk_API.onChatMaximized !== w.siteTawkHandler];
      });
    try {
      await page.goto(`${chatFixture.url}/chat-early.html`);
      await page.waitForSelector('#jivo-launcher');
      await page.waitForSelector('#crisp-launcher');
      await page.waitForSelector('#tawk-launcher');
      // 300 ms after the load event, measured by the page's own clock.
      await page.waitForFunction(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return !!nav && nav.loadEventEnd > 0 && performance.now() >= nav.loadEventEnd + 300;
      });
      // Before the hooks: Crisp and Tawk appeared after t.js's first look, and nothing was clicked yet.
      expect(await hooked()).toEqual([false, false]);
      // Tawk's launcher is in its own frame: the page sees no click, the chunk finds the chat open.
      await page.frameLocator('#tawk-launcher').locator('#open').click();
      await page.click('#jivo-launcher');
      await page.click('#crisp-launcher');
      // Once the chunk has hooked both, nothing about these opens is still to come.
      await page.waitForFunction(() => {
        const w = window as unknown as ChatPage;
        return !!w.fakeCrispHandlers['chat:opened'] && w.Tawk_API.onChatMaximized !== w.siteTawkHandler;
      });
      await track('marker_early');
      await waitForNames(site.chat, ['marker_early']);
      expect(opens()).toEqual({ jivo: 1, crisp: 1, tawk: 1 });
      // The page's own Jivo and Tawk callbacks ran, once each.
      expect(await siteOpens()).toEqual([1, 1]);

      // Closed and opened again with every hook in place: one more each, not two.
      await page.evaluate(() => {
        (window as unknown as ChatPage).jivo_api.close();
        (window as unknown as ChatPage).Tawk_API.minimize();
      });
      await page.click('#crisp-launcher');
      await page.click('#jivo-launcher');
      await page.click('#crisp-launcher');
      await page.frameLocator('#tawk-launcher').locator('#open').click();
      await track('marker_later');
      await waitForNames(site.chat, ['marker_later']);
      expect(opens()).toEqual({ jivo: 2, crisp: 2, tawk: 2 });
      expect(await siteOpens()).toEqual([2, 2]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await chatFixture.close();
    }
  });

  test('localStorage disabled and the collector answering 500: no page errors, events arrive once it recovers', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    const page = await context.newPage();
    const errors = pageErrors(page);
    try {
      failing = true;
      await page.goto(`${flakyFixture.url}/plain.html`);
      await page.click('#tel');
      await page.evaluate(() =>
        (window as unknown as { tp: (...a: unknown[]) => void }).tp('track', 'while_down'),
      );
      await waitFor('two failed sends', () => proxy.seen.failed >= 2);
      expect(rows(site.flaky)).toEqual([]);
      failing = false;
      const stored = await waitForNames(site.flaky, ['pageview', 'call_click', 'while_down']);
      expect(stored).toEqual({ pageview: 1, call_click: 1, while_down: 1 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
