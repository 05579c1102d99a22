import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Seed, seedDb } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const NOW = Date.UTC(2026, 10, 23);
const HOUR = 3_600_000;
const day = (d: number, h = 10) => Date.UTC(2026, 10, d, h);
const RANGE = 'from=2026-11-01&to=2026-11-14';

let s: Seed;
let t: TestApp;
let base: string;
beforeEach(() => {
  s = seedDb();
  t = testApp({ db: s, now: () => NOW });
  base = `/api/sites/${s.site.publicId}`;
});
afterEach(() => {
  t.close();
  s.close();
});

/**
 * Worked out by hand (1–14 November, the previous period 18–31 October):
 * - a: search (utm_source google) on the 2nd, requests a callback and books; the CRM wins a
 *   1 000 RUB deal on the 5th;
 * - b: a Yandex Direct ad (`autumn`) on the 3rd, opens the chat; comes back directly on the 4th and
 *   books (last significant touch: the ad; last touch: direct);
 * - c: social on the 5th, reads only; d: direct on the 6th, clicks the phone number;
 * - e: direct on 20 October, requests a callback (the previous period's only lead).
 */
async function seed(): Promise<number> {
  const a = s.session({ visitor: 'a', start: day(2), channel: 'search', utmSource: 'google' });
  const b1 = s.session({
    visitor: 'b',
    start: day(3),
    channel: 'paid',
    utmSource: 'yandex',
    utmCampaign: 'autumn',
  });
  const b2 = s.session({ visitor: 'b', start: day(4) });
  const c = s.session({ visitor: 'c', start: day(5), channel: 'social', utmSource: 'vk' });
  const d = s.session({ visitor: 'd', start: day(6) });
  const e = s.session({ visitor: 'e', start: Date.UTC(2026, 9, 20, 10) });
  s.events([
    { visitor: 'a', name: 'pageview', ts: day(2), session: a, path: '/' },
    { visitor: 'a', name: 'callback_request', ts: day(2) + 60_000, session: a, path: '/' },
    { visitor: 'a', name: 'booked', ts: day(2) + HOUR, session: a, path: '/' },
    { visitor: 'a', name: 'deal_won', ts: day(5), origin: 'offline', value: 1000 },
    { visitor: 'b', name: 'pageview', ts: day(3), session: b1, path: '/' },
    { visitor: 'b', name: 'chat_open', ts: day(3) + 60_000, session: b1, path: '/' },
    { visitor: 'b', name: 'pageview', ts: day(4), session: b2, path: '/' },
    { visitor: 'b', name: 'booked', ts: day(4) + 60_000, session: b2, path: '/' },
    { visitor: 'c', name: 'pageview', ts: day(5), session: c, path: '/' },
    { visitor: 'd', name: 'pageview', ts: day(6), session: d, path: '/' },
    { visitor: 'd', name: 'call_click', ts: day(6) + 60_000, session: d, path: '/' },
    { visitor: 'e', name: 'pageview', ts: Date.UTC(2026, 9, 20, 10), session: e, path: '/' },
    { visitor: 'e', name: 'callback_request', ts: Date.UTC(2026, 9, 20, 11), session: e, path: '/' },
  ]);
  await t.call('PATCH', base, { currency: 'RUB' });
  const goal = await t.call('POST', `${base}/goals`, {
    name: 'Booked',
    value: 50,
    definition: { kind: 'event', name: 'booked' },
  });
  return goal.body.id as number;
}

const row = (rows: { channel: string; source: string }[], channel: string, source: string) =>
  rows.find((r) => r.channel === channel && r.source === source);

describe('conversions on the overview', () => {
  it('counts leads, each goal and revenue, with the previous period', async () => {
    const goal = await seed();
    const r = await t.call('GET', `${base}/conversions?${RANGE}&compare=1`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      visitors: 4,
      model: 'lastSignificant',
      leads: { key: 'leads', goalId: null, conversions: 3, convertedVisitors: 3, conversionRate: 0.75 },
      goals: [
        {
          key: `goal:${goal}`,
          goalId: goal,
          name: 'Booked',
          conversions: 2,
          convertedVisitors: 2,
          conversionRate: 0.5,
          value: 100,
        },
      ],
      revenue: {
        currency: 'RUB',
        total: 1000,
        events: 1,
        visitors: 1,
        byName: [{ name: 'deal_won', events: 1, value: 1000 }],
      },
      unattributed: 0,
      previous: {
        visitors: 1,
        leads: { conversions: 1, convertedVisitors: 1, conversionRate: 1 },
        goals: [{ goalId: goal, conversions: 0, conversionRate: 0 }],
        revenue: { total: 0 },
      },
    });
  });

  it('credits sources and campaigns by the attribution model', async () => {
    const goal = await seed();
    const sig = (await t.call('GET', `${base}/conversions?${RANGE}`)).body;
    expect(sig.previous).toBeUndefined();
    expect(sig.sources).toEqual([
      {
        channel: 'search',
        source: 'google',
        campaign: null,
        visitors: 1,
        leads: 1,
        goals: { [goal]: 1 },
        revenue: 1000,
      },
      {
        channel: 'direct',
        source: '(direct)',
        campaign: null,
        visitors: 2,
        leads: 1,
        goals: { [goal]: 0 },
        revenue: 0,
      },
      {
        channel: 'paid',
        source: 'yandex',
        campaign: null,
        visitors: 1,
        leads: 1,
        goals: { [goal]: 1 },
        revenue: 0,
      },
      {
        channel: 'social',
        source: 'vk',
        campaign: null,
        visitors: 1,
        leads: 0,
        goals: { [goal]: 0 },
        revenue: 0,
      },
    ]);
    expect(sig.campaigns).toEqual([
      {
        channel: 'paid',
        source: 'yandex',
        campaign: 'autumn',
        visitors: 1,
        leads: 1,
        goals: { [goal]: 1 },
        revenue: 0,
      },
    ]);
    // Last touch: b's booking goes to the direct visit that came right before it.
    const last = (await t.call('GET', `${base}/conversions?${RANGE}&model=lastTouch`)).body;
    expect(row(last.sources, 'direct', '(direct)')).toMatchObject({ leads: 1, goals: { [goal]: 1 } });
    expect(row(last.sources, 'paid', 'yandex')).toMatchObject({ leads: 1, goals: { [goal]: 0 } });
    const first = (await t.call('GET', `${base}/conversions?${RANGE}&model=firstTouch`)).body;
    expect(row(first.sources, 'paid', 'yandex')).toMatchObject({ goals: { [goal]: 1 } });
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['model=linear', 'model'],
      ['compare=yes', 'compare'],
      ['lookbackDays=0', 'lookbackDays'],
      ['from=soon', 'from'],
    ]) {
      const r = await t.call('GET', `${base}/conversions?${query}`);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ field });
    }
  });
});
