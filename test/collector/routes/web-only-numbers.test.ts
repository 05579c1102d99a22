import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_UA } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

// Mid-minute, so realtime's 30 one-minute buckets hold every event below.
const NOW = Date.parse('2026-11-20T12:00:30Z');
const MIN = 60_000;
const H = { authorization: 'Bearer admin-test-token' };
const RANGE = `from=${NOW - 3_600_000}&to=${NOW + MIN}`;

let t: TestApp;
let seq = 0;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted below
const get = async (path: string): Promise<any> => {
  const res = await t.app.request(`/api/sites/${t.site.publicId}/${path}`, { headers: H });
  expect(res.status, path).toBe(200);
  return res.json();
};

/**
 * Three web visitors and four people known only offline, all in the last 20 minutes:
 *   w1: / → /pricing → callback_request
 *   w2: / → call_click
 *   w3: /pricing
 *   offline API: L1 callback_made + call_answered, L2 meeting + deal_won 1200, L3 a server-sent
 *   `pageview` (names are free), L4 deal_won 500; CSV import: L5 call_answered.
 * Web numbers, by hand: 3 visitors, 3 sessions, 4 pageviews, 2 touchpoints (callback_request,
 * call_click); realtime 6 events.
 */
beforeAll(async () => {
  t = testApp({ now: () => NOW });
  const visit = async (ip: string, events: object[]) => {
    const res = await t.collect(
      { s: t.site.publicId, e: events.map((e) => ({ i: `web-only-${++seq}`, ...e })) },
      { headers: { 'user-agent': CHROME_UA, 'x-forwarded-for': ip } },
    );
    expect(res.status).toBe(200);
  };
  await visit('198.51.100.1', [
    { n: 'pageview', u: 'http://localhost/', o: 15 * MIN },
    { n: 'pageview', u: 'http://localhost/pricing', o: 14 * MIN },
    { n: 'callback_request', u: 'http://localhost/pricing', p: { form: 'callback' }, o: 13 * MIN },
  ]);
  await visit('198.51.100.2', [
    { n: 'pageview', u: 'http://localhost/', o: 12 * MIN },
    { n: 'call_click', u: 'http://localhost/', p: { phone: '89120001122' }, o: 11 * MIN },
  ]);
  await visit('198.51.100.3', [{ n: 'pageview', u: 'http://localhost/pricing', o: 10 * MIN }]);
  const time = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN).toISOString();
  const res = await t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
    body: JSON.stringify({
      events: [
        { id: 'crm-1', name: 'callback_made', lead: 'L1', time: time(9) },
        { id: 'crm-2', name: 'call_answered', lead: 'L1', time: time(8) },
        { id: 'crm-3', name: 'meeting', lead: 'L2', time: time(7) },
        { id: 'crm-4', name: 'deal_won', lead: 'L2', time: time(6), value: 1200 },
        { id: 'crm-5', name: 'pageview', lead: 'L3', time: time(5) },
        { id: 'crm-6', name: 'deal_won', lead: 'L4', time: time(4), value: 500 },
      ],
    }),
  });
  expect(res.status).toBe(200);
  await t.writer.write([
    {
      siteId: t.site.id,
      uid: 'o:csv-l5',
      name: 'call_answered',
      visitorKey: '',
      ts: NOW - 3 * MIN,
      receivedAt: NOW,
      path: null,
      url: null,
      referrer: null,
      props: null,
      value: null,
      lead: 'L5',
      origin: 'import',
      session: null,
    },
  ]);
  // The fixture is what the comments say: 8 people, 13 events, 7 of them offline or imported.
  expect(
    t.rows(
      `SELECT origin, count(*) AS n, count(DISTINCT visitor_id) AS people FROM events GROUP BY origin ORDER BY origin`,
    ),
  ).toEqual([
    { origin: 'import', n: 1, people: 1 },
    { origin: 'offline', n: 6, people: 4 },
    { origin: 'web', n: 6, people: 3 },
  ]);
});
afterAll(() => t?.close());

describe('web numbers count web events only', () => {
  it('overview: visitors, sessions, pageviews and touchpoints by kind of the web visitors', async () => {
    const o = await get(`overview?${RANGE}`);
    expect(o).toMatchObject({ visitors: 3, sessions: 3, pageviews: 4, touchpoints: 2 });
    expect(o.byKind).toEqual([
      { name: 'pageview', count: 4, visitors: 3 },
      { name: 'call_click', count: 1, visitors: 1 },
      { name: 'callback_request', count: 1, visitors: 1 },
    ]);
  });

  it('timeseries: the buckets add up to the web numbers', async () => {
    const ts = await get(`timeseries?${RANGE}&bucket=hour`);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect({
      visitors: sum(ts.visitors),
      pageviews: sum(ts.pageviews),
      touchpoints: sum(ts.touchpoints),
    }).toEqual({ visitors: 3, pageviews: 4, touchpoints: 2 });
  });

  it('realtime: only people on the site, only what they did there', async () => {
    const rt = await get('realtime');
    expect(rt.visitors).toBe(3);
    expect(rt.events.reduce((a: number, b: number) => a + b, 0)).toBe(6);
    expect(rt.recent.map((e: { name: string }) => e.name)).toEqual([
      'pageview',
      'call_click',
      'pageview',
      'callback_request',
      'pageview',
      'pageview',
    ]);
    expect(rt.topPages).toEqual([
      { path: '/', visitors: 2 },
      { path: '/pricing', visitors: 2 },
    ]);
  });

  it('sources and pages: web sessions and web pageviews', async () => {
    const s = await get(`sources?${RANGE}`);
    expect(s.channels).toEqual([{ key: 'direct', sessions: 3, visitors: 3, touchpoints: 2 }]);
    expect(await get('pages')).toEqual([
      { path: '/', pageviews: 2, visitors: 2 },
      { path: '/pricing', pageviews: 2, visitors: 2 },
    ]);
  });

  it('goals still count offline conversions, and event names still offer offline steps for funnels', async () => {
    const post = await t.app.request(`/api/sites/${t.site.publicId}/goals`, {
      method: 'POST',
      headers: { ...H, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Deal', definition: { kind: 'event', name: 'deal_won' } }),
    });
    const goal = (await post.json()) as { id: number };
    const { stats } = await get(`goals/${goal.id}?${RANGE}`);
    expect(stats).toMatchObject({
      conversions: 2,
      convertedVisitors: 2,
      value: 1700,
      visitors: 3,
      sessions: 3,
    });
    const names = (await get('event-names')).map((n: { name: string }) => n.name);
    expect(names).toEqual(expect.arrayContaining(['deal_won', 'callback_made', 'call_answered', 'meeting']));
  });
});
