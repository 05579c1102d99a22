import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackRequestList, Conversions, ResponseSpeed } from '../../collector/reports/types';
import { type DashboardHarness, openView, shot, startDashboard } from '../support/dashboard-harness';
import { CHROME_UA } from '../support/seed';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const HOST = 'https://fixture.example';
const PAID = `${HOST}/?utm_source=yandex&utm_medium=cpc&utm_campaign=spring`;

let d: DashboardHarness;
let site: string;
let goal: number;
/** Yesterday 10:00 UTC: every event of the current period lies between it and 12:00, in the 7-day range. */
let H: number;

/** A browser's batch for the visitor with consent id `fixture-<who>`, each event at its own time. */
async function visit(who: string, events: { n: string; u: string; r?: string; at: number }[]) {
  const now = Date.now();
  const res = await fetch(`${d.url}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA, 'x-forwarded-for': '198.51.100.60' },
    body: JSON.stringify({
      s: site,
      k: `fixture-${who}`,
      e: events.map(({ at, ...e }, i) => ({ i: `fx-${who}-${i}-${at}`, ...e, o: now - at })),
    }),
  });
  expect(res.status).toBeLessThan(300);
}

/**
 * The fixture, worked out by hand (range: the last 7 days; previous period: the 7 before):
 * - v01: an ad (paid, yandex, campaign spring) at 10:00; back directly at 11:30 on /prices,
 *   requests a callback at 11:35 (called back in 5 min: on time), books at 11:40; the CRM wins a
 *   1 500 RUB deal;
 * - v02: from Google search at 10:10, requests a callback at 10:12 on / (never called back);
 * - v03: direct on /contacts at 10:20, requests a callback at 10:21 (called back after 40 min: late);
 * - v04: the same ad at 10:30, books at 10:31; the CRM wins a 500 RUB deal;
 * - v05–v10: one direct pageview each.
 * So: 10 visitors, 3 leads (30 %), 2 bookings (20 %), revenue 2 000 RUB from 2 deals.
 * The previous period: p01 clicks the phone number, p02 comes from the ad and books, p03 and p04 read:
 * 4 visitors, 1 lead (25 %), 1 booking (25 %), no revenue.
 */
async function seedFixture(): Promise<void> {
  const created = await d.json<{ publicId: string; secret: string }>('/api/sites', {
    method: 'POST',
    body: JSON.stringify({ domain: 'fixture.example', currency: 'RUB', timeZone: 'UTC' }),
  });
  site = created.publicId;
  goal = (
    await d.json<{ id: number }>(`/api/sites/${site}/goals`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Booked', definition: { kind: 'event', name: 'booked' } }),
    })
  ).id;
  H = Math.floor(Date.now() / DAY) * DAY - DAY + 10 * HOUR;
  const at = (minutes: number) => H + minutes * MIN;
  await visit('v01', [
    { n: 'pageview', u: PAID, at: at(0) },
    { n: 'pageview', u: `${HOST}/prices`, at: at(90) },
    { n: 'callback_request', u: `${HOST}/prices`, at: at(95) },
    { n: 'booked', u: `${HOST}/prices`, at: at(100) },
  ]);
  await visit('v02', [
    { n: 'pageview', u: `${HOST}/`, r: 'https://www.google.com/', at: at(10) },
    { n: 'callback_request', u: `${HOST}/`, r: 'https://www.google.com/', at: at(12) },
  ]);
  await visit('v03', [
    { n: 'pageview', u: `${HOST}/contacts`, at: at(20) },
    { n: 'callback_request', u: `${HOST}/contacts`, at: at(21) },
  ]);
  await visit('v04', [
    { n: 'pageview', u: PAID, at: at(30) },
    { n: 'booked', u: PAID, at: at(31) },
  ]);
  for (let i = 5; i <= 10; i++)
    await visit(`v${String(i).padStart(2, '0')}`, [{ n: 'pageview', u: `${HOST}/`, at: at(40 + i) }]);
  const P = H - 8 * DAY;
  await visit('p01', [
    { n: 'pageview', u: `${HOST}/`, at: P },
    { n: 'call_click', u: `${HOST}/`, at: P + MIN },
  ]);
  await visit('p02', [
    { n: 'pageview', u: PAID, at: P + 5 * MIN },
    { n: 'booked', u: PAID, at: P + 6 * MIN },
  ]);
  await visit('p03', [{ n: 'pageview', u: `${HOST}/`, at: P + 10 * MIN }]);
  await visit('p04', [{ n: 'pageview', u: `${HOST}/`, at: P + 11 * MIN }]);
  const offline = await fetch(`${d.url}/api/sites/${site}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      events: [
        { id: 'cb-v01', name: 'callback_made', visitor: 'fixture-v01', time: at(100) },
        { id: 'cb-v03', name: 'callback_made', visitor: 'fixture-v03', time: at(61) },
        { id: 'deal-v01', name: 'deal_won', visitor: 'fixture-v01', time: at(120), value: 1500 },
        { id: 'deal-v04', name: 'deal_won', visitor: 'fixture-v04', time: at(70), value: 500 },
      ],
    }),
  });
  expect(offline.status).toBeLessThan(300);
}

/** The query the page sent, asked again of the API with the admin token. */
async function sameAsPage<T>(page: Page, path: string, open: () => Promise<void>): Promise<T> {
  const sent = page.waitForResponse((r) => r.url().includes(`/${path}?`) && r.status() === 200);
  await open();
  const url = new URL((await sent).url());
  return d.json<T>(url.pathname + url.search);
}

const column = (page: Page, title: string, col: string) =>
  page
    .locator('section.table-card', { has: page.locator('h2, h3', { hasText: title }) })
    .first()
    .locator(`tbody td[data-col="${col}"]`)
    .allInnerTexts();

beforeAll(async () => {
  d = await startDashboard({ seed: false });
  await seedFixture();
});
afterAll(() => d?.close());

describe('conversions on the overview (issue 15)', () => {
  it('shows 3 leads and 2 bookings of 10 visitors, revenue 2 000 RUB, each against the previous period', async () => {
    const page = await d.page();
    const sent = page.waitForResponse((r) => r.url().includes('/conversions?') && r.status() === 200);
    await openView(page, `${d.url}/#/overview?site=${site}&range=7d&compare=1`);
    const url = new URL((await sent).url());
    const api = await d.json<Conversions>(url.pathname + url.search);
    expect(api.visitors).toBe(10);
    expect(api.leads).toMatchObject({ convertedVisitors: 3, conversionRate: 0.3 });
    expect(api.goals).toMatchObject([{ goalId: goal, conversions: 2, conversionRate: 0.2 }]);
    expect(api.revenue).toMatchObject({ currency: 'RUB', total: 2000, events: 2, visitors: 2 });

    const stat = (key: string) => page.locator(`[data-stat="${key}"]`);
    const value = (key: string) => stat(key).locator('.stat-value').innerText();
    const previous = (key: string) => stat(key).locator('[data-previous]').getAttribute('data-previous');
    expect(await value('leads')).toBe('3');
    expect(await previous('leads')).toBe('1');
    expect(await stat('leads').locator('.stat-change').innerText()).toBe('+200% vs 1 in the previous period');
    expect(await value('leads-rate')).toBe('30%');
    expect(await previous('leads-rate')).toBe('0.25');
    expect(await stat('leads-rate').innerText()).toContain('3 of 10 visitors');
    expect(await stat(`goal:${goal}`).locator('.stat-label').innerText()).toBe('Booked');
    expect(await value(`goal:${goal}`)).toBe('2');
    expect(await previous(`goal:${goal}`)).toBe('1');
    expect(await value(`goal:${goal}-rate`)).toBe('20%');
    expect(await stat(`goal:${goal}-rate`).locator('.stat-change').innerText()).toBe(
      '−20% vs 25% in the previous period',
    );
    expect(await stat(`goal:${goal}-rate`).innerText()).toContain('2 of 10 visitors');
    // Intl puts a no-break space between the currency code and the amount.
    expect(await value('revenue')).toBe('RUB\u00a02,000');
    expect(await stat('revenue').locator('.stat-change').innerText()).toContain('new');
    await shot(page, 'conversions-overview');
    expect(d.incidents).toEqual([]);
  });

  it('leaves the revenue card out when no deal has a value', async () => {
    const page = await d.page();
    const from = H - 9 * DAY;
    const to = H - 7 * DAY;
    const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
    await openView(page, `${d.url}/#/overview?site=${site}&range=custom&from=${day(from)}&to=${day(to)}`);
    expect(await page.locator('[data-stat=leads] .stat-value').innerText()).toBe('1');
    expect(await page.locator('[data-stat=revenue]').count()).toBe(0);
  });
});

describe('sources by conversions (issue 15)', () => {
  const title = 'Sources by conversions';
  const campaigns = 'Campaigns by conversions';

  it('credits leads and bookings by the model picked, as the API does', async () => {
    const page = await d.page();
    const sig = await sameAsPage<Conversions>(page, 'conversions', () =>
      openView(page, `${d.url}/#/sources?site=${site}&range=7d`),
    );
    expect(sig.model).toBe('lastSignificant');
    // Last significant touch: v01's callback goes to the ad, not to the direct visit that followed.
    // Ties in leads: the API's order, by revenue, then visitors.
    expect(await column(page, title, 'source')).toEqual(['yandex', '(direct)', 'www.google.com']);
    expect(await column(page, title, 'visitors')).toEqual(['2', '8', '1']);
    expect(await column(page, title, 'conversions')).toEqual(['1', '1', '1']);
    expect(await column(page, title, 'revenue')).toEqual(
      ['RUB 2,000.00', 'RUB 0.00', 'RUB 0.00'].map((x) => x.replace(' ', '\u00a0')),
    );
    expect(sig.sources.map((r) => [r.source, r.visitors, r.leads])).toEqual([
      ['yandex', 2, 1],
      ['(direct)', 8, 1],
      ['www.google.com', 1, 1],
    ]);
    expect(await column(page, campaigns, 'campaign')).toEqual(['spring']);
    expect(await column(page, campaigns, 'conversions')).toEqual(['1']);

    const last = await sameAsPage<Conversions>(page, 'conversions', async () => {
      await page.locator('select[name=model]').selectOption('lastTouch');
    });
    await page.locator('main[aria-busy=false] [data-model=lastTouch]').waitFor();
    expect(new URL(page.url()).hash).toContain('model=lastTouch');
    expect(last.model).toBe('lastTouch');
    // Last touch: v01's callback goes to the direct visit; the ad keeps only the visitors.
    expect(await column(page, title, 'source')).toEqual(['(direct)', 'www.google.com', 'yandex']);
    expect(await column(page, title, 'conversions')).toEqual(['2', '1', '0']);
    expect(last.sources.map((r) => [r.source, r.leads])).toEqual([
      ['(direct)', 2],
      ['www.google.com', 1],
      ['yandex', 0],
    ]);
    expect(await column(page, campaigns, 'conversions')).toEqual(['0']);

    await page.locator('select[name=goal]').selectOption(String(goal));
    await page.locator('main[aria-busy=false] [data-model=lastTouch]').waitFor();
    await expect.poll(() => new URL(page.url()).hash).toContain(`goal=${goal}`);
    expect(new URL(page.url()).hash).toContain('model=lastTouch');
    // Bookings by last touch: v01 on the direct visit, v04 on the ad.
    expect(await column(page, title, 'source')).toEqual(['(direct)', 'yandex', 'www.google.com']);
    expect(await column(page, title, 'conversions')).toEqual(['1', '1', '0']);
    expect(await column(page, campaigns, 'conversions')).toEqual(['1']);

    await page.locator('select[name=model]').selectOption('firstTouch');
    await page.locator('main[aria-busy=false] [data-model=firstTouch]').waitFor();
    // Bookings by first touch: both on the ad.
    expect(await column(page, title, 'source')).toEqual(['yandex', '(direct)', 'www.google.com']);
    expect(await column(page, title, 'conversions')).toEqual(['2', '0', '0']);
    expect(await column(page, campaigns, 'conversions')).toEqual(['2']);
    await shot(page, 'conversions-sources');
    expect(d.incidents).toEqual([]);
  });
});

describe('response speed you can act on (issue 15)', () => {
  it('lists the late and unanswered requests and counts them by hour and weekday', async () => {
    const page = await d.page();
    // The view asks once per standard on its picker; the tables are of the chosen one (15 min).
    const speedSent = page.waitForResponse(
      (r) => r.url().includes('/response-speed?') && r.url().includes('standardMinutes=15'),
    );
    const list = await sameAsPage<CallbackRequestList>(page, 'callback-requests', () =>
      openView(page, `${d.url}/#/response?site=${site}&range=7d`),
    );
    expect(list).toMatchObject({ total: 2, status: 'missed', standardMs: 15 * MIN });
    const missed = 'Late and unanswered callback requests';
    // Newest first: v03's at 10:21 (40 min), then v02's at 10:12 (never).
    expect(await column(page, missed, 'path')).toEqual(['/contacts', '/']);
    expect(await column(page, missed, 'waited')).toEqual(['40 min', 'not called back']);
    expect(await column(page, missed, 'status')).toEqual(['called back late', 'never called back']);
    expect((await column(page, missed, 'source'))[1]).toContain('google');
    // Web events are timed by the collector's clock less their age: within milliseconds of the fixture.
    expect(list.rows.map((r) => [r.path, r.waitedMs && Math.round(r.waitedMs / MIN), r.status])).toEqual([
      ['/contacts', 40, 'late'],
      ['/', null, 'unanswered'],
    ]);

    const speedUrl = new URL((await speedSent).url());
    const s = await d.json<ResponseSpeed>(speedUrl.pathname + speedUrl.search);
    expect(s.requests).toBe(3);
    expect(await column(page, 'By hour of day', 'slot')).toEqual(['10:00', '11:00']);
    expect(await column(page, 'By hour of day', 'requests')).toEqual(['2', '1']);
    expect(await column(page, 'By hour of day', 'within')).toEqual(['0', '1']);
    expect(await column(page, 'By hour of day', 'late')).toEqual(['2', '0']);
    expect(await column(page, 'By hour of day', 'lateShare')).toEqual(['100%', '0%']);
    expect(await column(page, 'By hour of day', 'median')).toEqual(['40 min', '5 min']);
    expect(s.byHour.filter((x) => x.requests).map((x) => [x.label, x.requests, x.late])).toEqual([
      ['10:00', 2, 2],
      ['11:00', 1, 0],
    ]);
    // Yesterday's weekday (Monday first) holds all three.
    const weekday = (new Date(H).getUTCDay() + 6) % 7;
    const requests = [0, 0, 0, 0, 0, 0, 0].map((_, i) => (i === weekday ? '3' : '0'));
    expect(await column(page, 'By weekday', 'requests')).toEqual(requests);
    expect((await column(page, 'By weekday', 'late'))[weekday]).toBe('2');
    expect((await column(page, 'By weekday', 'slot'))[weekday]).toBe(
      new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' }).format(H),
    );
    expect(s.byWeekday.map((x) => String(x.requests))).toEqual(requests);
    await shot(page, 'conversions-response');
    expect(d.incidents).toEqual([]);
  });
});
