import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../collector/db/open-database';
import { startServer } from '../../collector/server';
import { createSite } from '../../collector/store/sites';
import { DEAD_MS } from '../../sdk/detectors/dead-click';
import { launchChromium } from '../support/launch-chromium';
import { buildSdkIfStale } from './build-sdk-if-stale';
import { type Listening, startFixtureServer } from './fixture-server';
import { waitFor } from './wait-for';

// The interaction chunk (form_invalid, rage_click, dead_click) in real Chromium against the real
// collector: what the SQLite file holds after a visitor used test/browser/fixtures/interactions.html.

type Row = { name: string; path: string; props: string | null };
type Tp = { tp: ((...a: unknown[]) => void) & { t?: 1 } };

/**
 * Rounds of the dead-click measurement (each case on a page of its own, per round). Raise it to
 * measure false positives and misses over more clicks: TP_DEAD_CLICK_ROUNDS=20 npx vitest run …
 */
const ROUNDS = Number(process.env.TP_DEAD_CLICK_ROUNDS) || 1;

let dir: string;
let collector: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let fixture: Listening;
let site: string;

const rows = (): Row[] =>
  collector.db
    .prepare('SELECT name, path, props FROM events_v WHERE site = ? ORDER BY ts, id')
    .all(site) as Row[];
const propsOf = (name: string) =>
  rows()
    .filter((r) => r.name === name)
    .map((r) => JSON.parse(r.props ?? '{}') as Record<string, unknown>);
const track = (page: Page, name: string, props?: object) =>
  page.evaluate(([n, p]) => (window as unknown as Tp).tp('track', n, p), [name, props] as const);
/** Sends a marker and waits until the collector stored it: everything the page sent before it is stored too. */
const marked = async (page: Page, marker: string) => {
  await track(page, marker);
  await waitFor(marker, () => rows().some((r) => r.name === marker));
};

/** The fixture page with the interaction chunk running, as after the visitor's first mouse move. */
const openPage = async (context: BrowserContext) => {
  const page = await context.newPage();
  await page.goto(`${fixture.url}/interactions.html`);
  await page.waitForFunction(() => (window as unknown as Tp).tp?.t === 1);
  await page.mouse.move(5, 5);
  // The dead-click detector wraps fetch as the chunk starts: the detectors are running.
  await page.waitForFunction(() => !String(window.fetch).includes('[native code]'));
  return page;
};

beforeAll(async () => {
  buildSdkIfStale();
  dir = mkdtempSync(join(tmpdir(), 'tp-sdk-interactions-'));
  const dbPath = join(dir, 'tp.db');
  const db = openDatabase(dbPath);
  // Headless Chromium is a bot; the test site counts bots and accepts the fixture host.
  site = createSite(db, {
    domain: 'localhost',
    hostnames: ['localhost', '127.0.0.1'],
    countBots: true,
  }).publicId;
  db.close();
  collector = await startServer({ port: 0, dbPath });
  fixture = await startFixtureServer({ SITE: site, ENDPOINT: collector.url, OUTBOUND: '' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await collector?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('interaction chunk in Chromium, stored by the real collector', () => {
  test("form_invalid: the browser's validation (button and Enter) and the page's own (aria-invalid); field names, never values", async () => {
    const context = await browser.newContext();
    const page = await openPage(context);
    await page.click('#signup-send');
    await page.press('#signup [name=email]', 'Enter');
    await page.click('#callback-send');
    // Filled in: these go through.
    await page.fill('#callback-form [name=phone]', '+7 800 555-35-35');
    await page.click('#callback-send');
    await page.fill('#signup [name=email]', 'jane@x.example');
    await page.click('#signup-send');
    await marked(page, 'forms_done');
    await context.close();

    expect(propsOf('form_invalid')).toEqual([
      { form: 'signup', field: 'email' },
      { form: 'signup', field: 'email' },
      { form: 'callback-form', field: 'phone' },
    ]);
    expect(rows().find((r) => r.name === 'form_invalid')!.path).toBe('/interactions.html');
    expect(JSON.stringify(rows())).not.toMatch(/Jane|jane|555/);
  });

  test('rage_click: four quick clicks on a button that does nothing are one rage click, naming the button', async () => {
    const context = await browser.newContext();
    const page = await openPage(context);
    await page.click('#coupon', { clickCount: 4 });
    await marked(page, 'rage_done');
    await context.close();
    expect(propsOf('rage_click')).toEqual([{ element: 'button#coupon.apply' }]);
    expect(rows().find((r) => r.name === 'rage_click')!.path).toBe('/interactions.html');
  });

  test(
    `dead_click: realistic touchpoints, each clicked on a page of its own (${ROUNDS} rounds): only those that answer nothing`,
    async () => {
      // Selector, and whether the click leaves for another page.
      const cases: [string, boolean][] = [
        ['#dead', false], // tagged button, no handler
        ['#dead-link', false], // href="#", the page cancels it and does nothing
        ['#modal-link', false], // opens a modal (an attribute changes)
        ['#fetch-button', false], // a POST answered after 1.5 s, nothing shown
        ['#chat-button', false], // a chat widget's frame grows (a style changes)
        ['#scroll-link', false], // smooth scroll to an anchor, the page cancels the jump
        ['#new-tab', false], // target=_blank
        ['#coupon', false], // no touchpoint: never judged
        ['#js-navigate', true], // location.href = a page that answers after 1.5 s
        ['#navigate', true], // a link to a page that answers after 1.5 s
      ];
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          cases.map(async ([selector, leaves], n) => {
            // A context (a window) each: pages sharing a headless window do not all animate a smooth scroll.
            const context = await browser.newContext();
            const page = await openPage(context);
            await page.click(selector);
            const clickedAt = await page.evaluate(() => performance.now());
            if (leaves) {
              await page.waitForURL((url) => url.pathname === '/plain.html');
            } else {
              // A dead click is the absence of an answer: there is no request to wait for, only the page's clock.
              await page.waitForFunction((t) => performance.now() > t, clickedAt + DEAD_MS + 300);
            }
            // Sent from the page now open (the new one after a navigation, whose old page's events left in its pagehide beacon).
            await marked(page, `judged_${round}_${n}`);
            await context.close();
          }),
        );
      }
      const dead: Record<string, number> = {};
      for (const { element } of propsOf('dead_click'))
        dead[String(element)] = (dead[String(element)] ?? 0) + 1;
      expect(dead).toEqual({ 'button#dead': ROUNDS, 'a#dead-link.more': ROUNDS });
    },
    // Ten windows at once: generous, since a loaded 2-core machine slows them all alike.
    ROUNDS * 90_000,
  );
});
