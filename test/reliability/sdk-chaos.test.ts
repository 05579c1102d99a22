import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/launch-chromium';
import { batch } from '../support/seed';
import { type TestApp as ReliabilityApp, reliabilityApp } from '../support/test-app';
import {
  type ChaosMode,
  ensureSdkBuilt,
  type Listening,
  sdkPage,
  serveApp,
  servePages,
  startChaosProxy,
  waitFor,
} from './browser-kit';

// The SDK on a real page in Chromium, a misbehaving proxy in front of the real collector, the
// SQLite file as the judge: whatever the network does, no page error, and once things recover
// every tracked event is stored exactly once.

const HOSTS = ['localhost', '127.0.0.1'];
let browser: Browser;
let t: ReliabilityApp;
let collector: Listening;
let proxy: Awaited<ReturnType<typeof startChaosProxy>>;
let pages: Listening;
let context: BrowserContext | undefined;

type Tp = (...a: unknown[]) => void;
const track = (page: Page, k: string) =>
  page.evaluate((key) => (window as unknown as { tp: Tp }).tp('track', 'chaos', { k: key }), k);
/** How many times each chaos key is stored. */
const stored = (app: ReliabilityApp): Record<string, number> =>
  (
    app.read
      .prepare(
        "SELECT json_extract(props, '$.k') AS k, count(*) AS n FROM events_v WHERE name = 'chaos' GROUP BY k",
      )
      .all() as { k: string; n: number }[]
  ).reduce<Record<string, number>>((acc, r) => {
    acc[r.k] = r.n;
    return acc;
  }, {});
/** Pageviews sent by the browser (fill-up batches are on localhost). */
const pageviews = (app: ReliabilityApp) =>
  (
    app.read
      .prepare("SELECT count(*) AS n FROM events_v WHERE name = 'pageview' AND url LIKE 'http://127.0.0.1%'")
      .get() as { n: number }
  ).n;

async function openPage(init?: string): Promise<{ page: Page; errors: string[] }> {
  context = await browser.newContext();
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${pages.url}/shop`);
  await page.waitForFunction(() => (window as unknown as { tp?: { t?: 1 } }).tp?.t === 1);
  return { page, errors };
}

beforeAll(async () => {
  ensureSdkBuilt();
  t = reliabilityApp({ hostnames: HOSTS });
  collector = await serveApp(t);
  proxy = await startChaosProxy(collector.url, { retryAfter: '2', slowMs: 2500 });
  pages = await servePages(() => sdkPage(t.site.publicId, proxy.url, '<h1>Shop</h1>'));
  browser = await launchChromium();
});
afterEach(async () => {
  proxy.state.mode = 'pass';
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await proxy?.close();
  await collector?.close();
  await t?.close();
});

describe('SDK chaos in real Chromium', () => {
  it('collector answering 500, 503, 429, garbage, a dropped connection, slowly: retried, then every event stored exactly once', async () => {
    const { page, errors } = await openPage();
    await waitFor('the first pageview', () => pageviews(t) === 1);
    const modes: ChaosMode[] = [500, 503, 429, 'garbage', 'drop', 'slow'];
    for (const mode of modes) {
      proxy.state.mode = mode;
      const before = proxy.seen(mode);
      await track(page, `${mode}-a`);
      await track(page, `${mode}-b`);
      // Failed at least twice (once for a slow answer, which eventually succeeds) before recovering.
      await waitFor(
        `retries while the collector answers ${mode}`,
        () => proxy.seen(mode) >= before + (mode === 'slow' ? 1 : 2),
      );
      if (mode === 429 || mode === 503) {
        // Retry-After: 2 was honoured: no retry came sooner.
        const at = proxy.state.log
          .filter((e) => e.mode === mode)
          .slice(-2)
          .map((e) => e.at);
        expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1900);
      }
      proxy.state.mode = 'pass';
      await waitFor(`${mode} events after recovery`, () => {
        const s = stored(t);
        return s[`${mode}-a`] && s[`${mode}-b`];
      });
    }
    await track(page, 'after-all');
    await waitFor('the last event', () => stored(t)['after-all']);
    const want = Object.fromEntries(
      [...modes.flatMap((m) => [`${m}-a`, `${m}-b`]), 'after-all'].map((k) => [k, 1]),
    );
    expect(stored(t)).toEqual(want);
    expect(pageviews(t)).toBe(1);
    expect(errors).toEqual([]);
  });

  it('backs off on 429: a page tracking every 50 ms through a 429 storm sends one request per Retry-After, not one per event; then all arrive once', async () => {
    const pv = pageviews(t);
    const { page, errors } = await openPage();
    await waitFor('the pageview', () => pageviews(t) > pv);
    const from = proxy.state.log.length;
    proxy.state.mode = 429;
    type Storm = { tp: Tp; __n: number; __storm: ReturnType<typeof setInterval> };
    await page.evaluate(() => {
      const w = window as unknown as Storm;
      w.__n = 0;
      w.__storm = setInterval(() => w.tp('track', 'chaos', { k: `storm-${w.__n++}` }), 50);
    });
    await waitFor('three refused attempts', () => proxy.state.log.length - from >= 3);
    const tracked = await page.evaluate(() => {
      const w = window as unknown as Storm;
      clearInterval(w.__storm);
      return w.__n;
    });
    proxy.state.mode = 'pass';
    const refused = proxy.state.log.slice(from).filter((e) => e.mode === 429);
    // Retry-After: 2 from every refusal: each attempt waited as told, so dozens of events cost a
    // handful of requests (one per event, or a retry per new event, would be dozens).
    for (let k = 1; k < refused.length; k++)
      expect(refused[k]!.at - refused[k - 1]!.at).toBeGreaterThanOrEqual(1900);
    expect(refused.length).toBeLessThanOrEqual(4);
    expect(tracked).toBeGreaterThanOrEqual(10 * refused.length);
    const keys = Array.from({ length: tracked }, (_, k) => `storm-${k}`);
    await waitFor('every storm event after recovery', () => {
      const s = stored(t);
      return keys.every((k) => s[k]);
    });
    const s = stored(t);
    expect(keys.filter((k) => s[k] !== 1)).toEqual([]);
    // Delivered in full batches (at most 100 events each), not one by one.
    const delivered = proxy.state.log.slice(from).filter((e) => e.mode === 'pass');
    expect(delivered.length).toBeLessThanOrEqual(Math.ceil(tracked / 100));
    expect(errors).toEqual([]);
  });

  // The pagehide beacon's answer (503 here) is read by nobody: the batch stays saved until a fetch
  // confirms it, so the next page sends it again (event ids make the replay safe).
  it('events queued during an outage survive the visitor moving to the next page: they arrive once when the collector recovers', async () => {
    const pv = pageviews(t);
    const { page, errors } = await openPage();
    await waitFor('the pageview', () => pageviews(t) > pv);
    proxy.state.mode = 503;
    const before = proxy.seen(503);
    await track(page, 'before-nav');
    await waitFor('a refused attempt', () => proxy.seen(503) > before);
    // Leaving the page sends the queue by beacon, whose answer (503 here) no page can read.
    await page.goto(`${pages.url}/next`);
    await page.waitForFunction(() => (window as unknown as { tp?: { t?: 1 } }).tp?.t === 1);
    proxy.state.mode = 'pass';
    // The next page restores the persisted queue and sends it within about a second.
    await waitFor('the event queued before the navigation', () => stored(t)['before-nav'], 10_000);
    expect(stored(t)['before-nav']).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a 413 drops that batch for good (it would never be accepted) without a retry loop; later events still arrive', async () => {
    const pv = pageviews(t);
    const { page, errors } = await openPage();
    await waitFor('the pageview', () => pageviews(t) > pv);
    proxy.state.mode = 413;
    await track(page, 'too-big');
    await waitFor('the 413', () => proxy.seen(413) === 1);
    proxy.state.mode = 'pass';
    await track(page, 'after-413');
    await waitFor('the event after the 413', () => stored(t)['after-413']);
    expect(proxy.seen(413)).toBe(1);
    expect(stored(t)['too-big']).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('localStorage throwing on every access: no page error, events still delivered through an outage', async () => {
    const { page, errors } = await openPage(
      `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });`,
    );
    expect(
      await page.evaluate(() => {
        try {
          return typeof localStorage;
        } catch {
          return 'throws';
        }
      }),
    ).toBe('throws');
    proxy.state.mode = 500;
    const before = proxy.seen(500);
    await track(page, 'no-storage');
    await waitFor('a failed attempt', () => proxy.seen(500) >= before + 1);
    proxy.state.mode = 'pass';
    await waitFor('the event', () => stored(t)['no-storage']);
    expect(stored(t)['no-storage']).toBe(1);
    expect(errors).toEqual([]);
  });

  it('fetch missing: the SDK falls back to sendBeacon, no page error, events arrive once', async () => {
    const { page, errors } = await openPage('delete window.fetch; window.fetch = undefined;');
    expect(await page.evaluate(() => typeof window.fetch)).toBe('undefined');
    await track(page, 'no-fetch');
    await waitFor('the event', () => stored(t)['no-fetch']);
    expect(stored(t)['no-fetch']).toBe(1);
    expect(errors).toEqual([]);
  });

  it('offline, then back online: queued events arrive once', async () => {
    const { page, errors } = await openPage(`
      window.__failed = 0;
      const real = window.fetch.bind(window);
      window.fetch = (...a) => real(...a).catch((e) => { window.__failed++; throw e; });`);
    await context!.setOffline(true);
    await track(page, 'offline-a');
    await track(page, 'offline-b');
    await waitFor('a failed attempt while offline', () =>
      page.evaluate(() => (window as unknown as { __failed: number }).__failed >= 1),
    );
    expect(stored(t)['offline-a']).toBeUndefined();
    await context!.setOffline(false);
    await waitFor('the offline events', () => {
      const s = stored(t);
      return s['offline-a'] && s['offline-b'];
    });
    expect([stored(t)['offline-a'], stored(t)['offline-b']]).toEqual([1, 1]);
    expect(errors).toEqual([]);
  });
});

describe('the real rate limiter behind the SDK', () => {
  it('a 429 from the collector is read cross-origin (Retry-After exposed) and honoured; the events then arrive once', async () => {
    const limited = reliabilityApp({
      hostnames: HOSTS,
      rateLimit: { ipPerSecond: 0.25, ipBurst: 1, sitePerSecond: 0 },
    });
    const server = await serveApp(limited);
    const watch = await startChaosProxy(server.url);
    const limitedPages = await servePages(() => sdkPage(limited.site.publicId, watch.url));
    try {
      context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${limitedPages.url}/shop`);
      await page.waitForFunction(() => (window as unknown as { tp?: { t?: 1 } }).tp?.t === 1);
      await waitFor('the pageview (it spends the only token)', () => pageviews(limited) === 1);
      await track(page, 'limited');
      const log = watch.state.log;
      // The row is committed before the proxy sees the answer: wait for both.
      await waitFor('the event after the 429', () => stored(limited).limited && log.at(-1)?.status === 200);
      const refused = log.findIndex((e) => e.status === 429);
      expect(refused).toBeGreaterThan(-1);
      // 0.25 tokens/s: Retry-After is 2–4 s; the SDK's own back-off without the header would be 0.5–1.5 s.
      expect(log[refused + 1]!.status).toBe(200);
      expect(log[refused + 1]!.at - log[refused]!.at).toBeGreaterThanOrEqual(1900);
      expect(stored(limited).limited).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await limitedPages.close();
      await watch.close();
      await server.close();
      await limited.close();
    }
  });
});

describe('disk full behind the SDK', () => {
  it('while the database is full the page keeps its events (503 + Retry-After); when space returns they arrive once', async () => {
    const logError = console.error;
    console.error = () => {}; // the route logs each failed write; expected here
    const full = reliabilityApp({
      hostnames: HOSTS,
      prepare: (db) => {
        db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 30}`);
      },
    });
    const server = await serveApp(full);
    const fullProxy = await startChaosProxy(server.url);
    const fullPages = await servePages(() => sdkPage(full.site.publicId, fullProxy.url));
    try {
      // Fill the file to its limit: fat batches first, then single events until even those
      // fail three times running (a small row can still fit in a page's free bytes).
      for (let i = 0, refusedInARow = 0; refusedInARow < 3; i++) {
        const b = batch(full.site.publicId, refusedInARow || i > 400 ? 1 : 20, `fill${i}`);
        if (!refusedInARow) for (const e of b.e) e.p = { pad: 'x'.repeat(450) };
        refusedInARow = (await full.collect(b)).status === 503 ? refusedInARow + 1 : refusedInARow && 0;
        if (i > 3000) throw new Error('never filled');
      }
      context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${fullPages.url}/shop`);
      await page.waitForFunction(() => (window as unknown as { tp?: { t?: 1 } }).tp?.t === 1);
      await track(page, 'full-a');
      await track(page, 'full-b');
      await waitFor('503 answers', () => fullProxy.state.log.filter((e) => e.status === 503).length >= 1);
      expect(stored(full)['full-a']).toBeUndefined();
      full.db.pragma('max_page_count = 1000000');
      await waitFor(
        'the queued events once space returned',
        () => {
          const s = stored(full);
          return s['full-a'] && s['full-b'];
        },
        40_000,
      );
      expect([stored(full)['full-a'], stored(full)['full-b']]).toEqual([1, 1]);
      expect(pageviews(full)).toBe(1);
      expect(full.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(errors).toEqual([]);
    } finally {
      console.error = logError;
      await fullPages.close();
      await fullProxy.close();
      await server.close();
      await full.close();
    }
  });
});
