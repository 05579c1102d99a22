import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeVitals } from '../../../collector/queries/summarize-vitals';
import { seedVisits } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
const H = { authorization: 'Bearer admin-test-token' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted below
const get = async (path: string) => {
  const res = await t.app.request(path, { headers: H });
  return { status: res.status, body: (await res.json()) as any };
};
let range: string;

beforeEach(async () => {
  t = testApp({ site: { countBots: true } });
  await seedVisits((path, init) => t.app.request(path, init), t.site.publicId);
  range = `from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`;
});
afterEach(() => t.close());

const base = () => `/api/sites/${t.site.publicId}`;

describe('dashboard data API', () => {
  it('overview: totals and touchpoints by kind, technical events left out', async () => {
    const { status, body } = await get(`${base()}/overview?${range}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ visitors: 4, sessions: 4, pageviews: 7, touchpoints: 3 });
    const kinds = (body.byKind as { name: string; count: number }[]).map((k) => `${k.name}:${k.count}`);
    expect(kinds).toEqual(['pageview:7', 'callback_request:2', '<img src=x onerror=alert(1)>:1']);
  });

  it('overview: filters by channel, device and page, and compares with the previous period', async () => {
    expect((await get(`${base()}/overview?${range}&channel=paid`)).body).toMatchObject({
      visitors: 1,
      pageviews: 2,
      touchpoints: 1,
    });
    expect((await get(`${base()}/overview?${range}&device=mobile`)).body).toMatchObject({
      visitors: 1,
      pageviews: 2,
    });
    expect((await get(`${base()}/overview?${range}&page=/pricing`)).body).toMatchObject({
      visitors: 3,
      pageviews: 3,
      touchpoints: 2,
    });
    const cmp = (await get(`${base()}/overview?${range}&compare=1`)).body as {
      previous: { visitors: number; from: number; to: number };
    };
    expect(cmp.previous).toMatchObject({ visitors: 0 });
    expect(cmp.previous.to - cmp.previous.from).toBe(86_400_000 + 60_000);
  });

  it('timeseries: hourly buckets that add up to the overview', async () => {
    const { body } = await get(`${base()}/timeseries?${range}`);
    const ts = body as unknown as {
      bucketMs: number;
      t: number[];
      pageviews: number[];
      touchpoints: number[];
    };
    expect(ts.bucketMs).toBe(3_600_000);
    expect(ts.t).toHaveLength(25);
    expect(ts.pageviews.reduce((a, b) => a + b, 0)).toBe(7);
    expect(ts.touchpoints.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('sources: channels, UTM tags and referrers of the sessions', async () => {
    const s = (await get(`${base()}/sources?${range}`)).body as unknown as Record<
      string,
      { key: string; sessions: number; touchpoints: number }[]
    >;
    expect(Object.fromEntries(s.channels!.map((c) => [c.key, c.sessions]))).toEqual({
      direct: 1,
      paid: 1,
      search: 1,
      referral: 1,
    });
    expect(s.channels!.find((c) => c.key === 'paid')!.touchpoints).toBe(1);
    expect(s.utmCampaigns!.map((c) => c.key)).toEqual(['winter']);
    expect(s.referrers!.map((c) => c.key)).toEqual(['www.google.com']);
  });

  it('page speed: p75 per page and metric, rated by the web-vitals thresholds', async () => {
    const rows = (await get(`${base()}/page-speed?${range}`)).body as unknown as {
      path: string;
      metric: string;
      p75: number;
      rating: string;
    }[];
    expect(rows.map((r) => `${r.path} ${r.metric} ${r.p75} ${r.rating}`).sort()).toEqual([
      '/ LCP 1800 good',
      '/pricing CLS 0.3 poor',
      '/pricing LCP 3000 needs-improvement',
    ]);
  });

  it('realtime, event names, pages and the first-event check', async () => {
    const rt = (await get(`${base()}/realtime`)).body as unknown as {
      visitors: number;
      events: number[];
      recent: { name: string }[];
    };
    expect(rt.visitors).toBe(4);
    expect(rt.events).toHaveLength(30);
    expect(rt.events.reduce((a, b) => a + b, 0)).toBe(10);
    expect(rt.recent.map((e) => e.name)).not.toContain('web_vital');
    const names = (await get(`${base()}/event-names`)).body as unknown as { name: string }[];
    expect(names.map((n) => n.name)).toEqual([
      'pageview',
      'callback_request',
      '<img src=x onerror=alert(1)>',
    ]);
    const pages = (await get(`${base()}/pages`)).body as unknown as { path: string; pageviews: number }[];
    expect(pages).toEqual([
      { path: '/', pageviews: 4, visitors: 4 },
      { path: '/pricing', pageviews: 3, visitors: 3 },
    ]);
    expect((await get(`${base()}/has-events`)).body).toMatchObject({ hasEvents: true });
  });

  it('answers bad ranges with 400 naming the field and the limit, unknown sites with 404', async () => {
    const now = Date.now();
    expect((await get(`${base()}/overview?from=abc&to=${now}`)).body).toMatchObject({ field: 'from' });
    expect((await get(`${base()}/overview?from=${now}&to=${now - 1}`)).body).toMatchObject({ field: 'to' });
    const tooLong = await get(`${base()}/overview?from=${now - 401 * 86_400_000}&to=${now}`);
    expect(tooLong).toMatchObject({ status: 400, body: { field: 'to', limit: 400 } });
    expect(await get(`${base()}/overview?${range}&channel=tv`)).toMatchObject({
      status: 400,
      body: { field: 'channel' },
    });
    expect(await get(`${base()}/overview?${range}&page=${'x'.repeat(2001)}`)).toMatchObject({
      status: 400,
      body: { field: 'page', limit: 2000 },
    });
    expect((await get(`/api/sites/nope/overview?${range}`)).status).toBe(404);
  });
});

describe('summarizeVitals', () => {
  it('rates by the 75th percentile, not the mean, and skips unknown metrics', () => {
    const lcp = [1000, 1200, 1400, 5000].map((value) => ({ path: '/', metric: 'LCP', value }));
    const [row, ...rest] = summarizeVitals([...lcp, { path: '/', metric: 'XYZ', value: 1 }]);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ p75: 1400, rating: 'good', good: 3, poor: 1, samples: 4 });
  });
});
