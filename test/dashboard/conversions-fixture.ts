import { expect } from 'vitest';
import type { DashboardHarness } from '../support/dashboard-harness';
import { CHROME_UA } from '../support/seed';

export const MIN = 60_000;
const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
const HOST = 'https://fixture.example';
const PAID = `${HOST}/?utm_source=yandex&utm_medium=cpc&utm_campaign=spring`;

export interface ConversionsFixture {
  site: string;
  /** The goal "Booked" (event `booked`). */
  goal: number;
  /** Yesterday 10:00 UTC: every event of the current period lies between it and 12:00, in the 7-day range. */
  H: number;
}

/** A browser's batch for the visitor with consent id `fixture-<who>`, each event at its own time. */
async function visit(
  d: DashboardHarness,
  site: string,
  who: string,
  events: { n: string; u: string; r?: string; at: number }[],
) {
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
export async function seedConversionsFixture(d: DashboardHarness): Promise<ConversionsFixture> {
  const created = await d.json<{ publicId: string; secret: string }>('/api/sites', {
    method: 'POST',
    body: JSON.stringify({ domain: 'fixture.example', currency: 'RUB', timeZone: 'UTC' }),
  });
  const site = created.publicId;
  const goal = (
    await d.json<{ id: number }>(`/api/sites/${site}/goals`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Booked', definition: { kind: 'event', name: 'booked' } }),
    })
  ).id;
  const H = Math.floor(Date.now() / DAY) * DAY - DAY + 10 * HOUR;
  const at = (minutes: number) => H + minutes * MIN;
  await visit(d, site, 'v01', [
    { n: 'pageview', u: PAID, at: at(0) },
    { n: 'pageview', u: `${HOST}/prices`, at: at(90) },
    { n: 'callback_request', u: `${HOST}/prices`, at: at(95) },
    { n: 'booked', u: `${HOST}/prices`, at: at(100) },
  ]);
  await visit(d, site, 'v02', [
    { n: 'pageview', u: `${HOST}/`, r: 'https://www.google.com/', at: at(10) },
    { n: 'callback_request', u: `${HOST}/`, r: 'https://www.google.com/', at: at(12) },
  ]);
  await visit(d, site, 'v03', [
    { n: 'pageview', u: `${HOST}/contacts`, at: at(20) },
    { n: 'callback_request', u: `${HOST}/contacts`, at: at(21) },
  ]);
  await visit(d, site, 'v04', [
    { n: 'pageview', u: PAID, at: at(30) },
    { n: 'booked', u: PAID, at: at(31) },
  ]);
  for (let i = 5; i <= 10; i++)
    await visit(d, site, `v${String(i).padStart(2, '0')}`, [
      { n: 'pageview', u: `${HOST}/`, at: at(40 + i) },
    ]);
  const P = H - 8 * DAY;
  await visit(d, site, 'p01', [
    { n: 'pageview', u: `${HOST}/`, at: P },
    { n: 'call_click', u: `${HOST}/`, at: P + MIN },
  ]);
  await visit(d, site, 'p02', [
    { n: 'pageview', u: PAID, at: P + 5 * MIN },
    { n: 'booked', u: PAID, at: P + 6 * MIN },
  ]);
  await visit(d, site, 'p03', [{ n: 'pageview', u: `${HOST}/`, at: P + 10 * MIN }]);
  await visit(d, site, 'p04', [{ n: 'pageview', u: `${HOST}/`, at: P + 11 * MIN }]);
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
  return { site, goal, H };
}
