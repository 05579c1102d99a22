import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Seed, seedDb } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const NOW = Date.UTC(2026, 10, 23);
const MIN = 60_000;
const RANGE = 'from=2026-11-01&to=2026-11-20';

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
 * Three requests, Moscow time (UTC+3): Monday 2 November 10:00, returned in 5 min; Monday 21:00 from
 * the `autumn` campaign on /prices, returned in 40 min; Sunday 8 November 12:00, never returned.
 */
function seedRequests(): void {
  const mon10 = Date.UTC(2026, 10, 2, 7);
  const mon21 = Date.UTC(2026, 10, 2, 18);
  const sun12 = Date.UTC(2026, 10, 8, 9);
  const a = s.session({ visitor: 'a', start: mon10, landingPath: '/' });
  const b = s.session({
    visitor: 'b',
    start: mon21,
    landingPath: '/prices',
    channel: 'paid',
    utmSource: 'yandex',
    utmCampaign: 'autumn',
  });
  const c = s.session({ visitor: 'c', start: sun12, landingPath: '/' });
  s.events([
    { visitor: 'a', name: 'callback_request', ts: mon10, session: a, path: '/' },
    { visitor: 'a', name: 'callback_made', ts: mon10 + 5 * MIN, origin: 'offline' },
    { visitor: 'b', name: 'callback_request', ts: mon21, session: b, path: '/prices' },
    { visitor: 'b', name: 'call_answered', ts: mon21 + 40 * MIN, origin: 'offline' },
    { visitor: 'c', name: 'callback_request', ts: sun12, session: c, path: '/' },
  ]);
}

describe('response speed you can act on', () => {
  it('counts by the hour and weekday of the site’s time zone, by the site’s standard', async () => {
    seedRequests();
    expect(
      (await t.call('PATCH', base, { timeZone: 'Europe/Moscow', responseStandardMinutes: 30 })).status,
    ).toBe(200);
    const r = await t.call('GET', `${base}/response-speed?${RANGE}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      clock: 'Europe/Moscow',
      standardMs: 30 * MIN,
      requests: 3,
      answered: 2,
      withinStandard: 1,
    });
    const hour = (h: number) => r.body.byHour[h];
    expect(r.body.byHour).toHaveLength(24);
    expect(hour(10)).toMatchObject({
      label: '10:00',
      requests: 1,
      withinStandard: 1,
      late: 0,
      medianMs: 5 * MIN,
    });
    expect(hour(21)).toMatchObject({ label: '21:00', requests: 1, answered: 1, withinStandard: 0, late: 1 });
    expect(hour(12)).toMatchObject({ requests: 1, answered: 0, late: 1, medianMs: null });
    expect(hour(7)).toMatchObject({ requests: 0 });
    expect(r.body.byWeekday.map((d: { label: string; requests: number }) => [d.label, d.requests])).toEqual([
      ['Mon', 2],
      ['Tue', 0],
      ['Wed', 0],
      ['Thu', 0],
      ['Fri', 0],
      ['Sat', 0],
      ['Sun', 1],
    ]);
    // Asked in UTC, the same requests fall at 07:00, 18:00 and 09:00.
    const utc = await t.call('GET', `${base}/response-speed?${RANGE}&timeZone=UTC&standardMinutes=60`);
    expect(utc.body).toMatchObject({ clock: 'UTC', withinStandard: 2 });
    expect(utc.body.byHour[7].requests).toBe(1);
    expect(utc.body.byHour[18].requests).toBe(1);
  });

  it('lists the late and unanswered requests, newest first, with page, source and wait', async () => {
    seedRequests();
    await t.call('PATCH', base, { timeZone: 'Europe/Moscow' });
    const r = await t.call('GET', `${base}/callback-requests?${RANGE}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'missed',
      total: 2,
      standardMs: 15 * MIN,
      clock: 'Europe/Moscow',
    });
    expect(r.body.rows).toEqual([
      expect.objectContaining({
        ts: Date.UTC(2026, 10, 8, 9),
        localHour: 12,
        localWeekday: 'Sun',
        path: '/',
        source: '(direct)',
        status: 'unanswered',
        waitedMs: null,
      }),
      expect.objectContaining({
        localHour: 21,
        localWeekday: 'Mon',
        path: '/prices',
        channel: 'paid',
        source: 'yandex',
        campaign: 'autumn',
        status: 'late',
        waitedMs: 40 * MIN,
        answeredBy: 'call_answered',
      }),
    ]);
    const all = await t.call('GET', `${base}/callback-requests?${RANGE}&status=all&limit=1`);
    expect(all.body).toMatchObject({ total: 3 });
    expect(all.body.rows).toHaveLength(1);
    expect((await t.call('GET', `${base}/callback-requests?${RANGE}&status=late`)).body.total).toBe(1);
  });

  it('refuses bad settings with 400 naming the field', async () => {
    for (const [query, field] of [
      ['timeZone=Mars/Olympus', 'timeZone'],
      ['standardMinutes=0', 'standardMinutes'],
    ])
      expect((await t.call('GET', `${base}/response-speed?${query}`)).body).toMatchObject({ field });
    for (const [query, field] of [
      ['status=soon', 'status'],
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
    ]) {
      const r = await t.call('GET', `${base}/callback-requests?${query}`);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ field });
    }
    for (const [body, field] of [
      [{ timeZone: 'Nowhere/Else' }, 'timeZone'],
      [{ responseStandardMinutes: 0 }, 'responseStandardMinutes'],
      [{ responseStandardMinutes: 1.5 }, 'responseStandardMinutes'],
      [{ currency: 'rubles' }, 'currency'],
    ] as const) {
      const r = await t.call('PATCH', base, body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ field });
    }
    const ok = await t.call('PATCH', base, { currency: 'RUB', timeZone: 'Asia/Yekaterinburg' });
    expect(ok.body).toMatchObject({
      currency: 'RUB',
      timeZone: 'Asia/Yekaterinburg',
      responseStandardMinutes: 15,
    });
  });
});
