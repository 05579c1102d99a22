import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshEventBlocks } from '../../../collector/blocks';
import type { PendingEvent, SessionSeed } from '../../../collector/ingest/pending-event';
import { pendingEvent, sessionSeed } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

/**
 * One day of a small site, 1 December 2026 (UTC), every figure below worked out by hand from it:
 * - A (search, desktop Chrome Windows, RU): / 40 s scroll 80 → /prices (LCP 2000) 60 s scroll 50
 *   → call_click at 10:01:50. One session, two pages, not a bounce; converts (a contact).
 * - B (social, mobile Chrome Android, DE): / 5 s scroll 20, CLS 0.3. A bounce.
 * - C (direct, mobile Mobile Safari iOS, RU), two sessions on /prices: 12:00 (LCP 4200, 30 s
 *   scroll 100, booking form started and left at the phone field) and 15:00 (3 s scroll 10: a bounce).
 * - D (referral, desktop Firefox Linux, no country): /missing (a 404 linked from old.example) →
 *   / (WhatsApp click 13:01, price.pdf, a 4-star review 13:03) → /search (a site search).
 * - E (direct, desktop Chrome Windows, RU): 30 November / 20 s scroll 60 (the day before: the
 *   previous period), then 1 December /reviews: reviews rated 5 and 2, the review form sent, INP 100.
 */
const DAY = 86_400_000;
const FROM = Date.parse('2026-12-01T00:00:00Z');
const TO = FROM + DAY;
const at = (hms: string, day = '2026-12-01') => Date.parse(`${day}T${hms}Z`);

const A = sessionSeed('search', '/', { referrerHost: 'www.google.com', country: 'RU' });
const B = sessionSeed('social', '/', { device: 'mobile', os: 'Android', country: 'DE' });
const C = sessionSeed('direct', '/prices', {
  device: 'mobile',
  browser: 'Mobile Safari',
  os: 'iOS',
  country: 'RU',
});
const D = sessionSeed('referral', '/missing', { browser: 'Firefox', os: 'Linux' });
const E = sessionSeed('direct', '/', { country: 'RU' });
const E2 = sessionSeed('direct', '/reviews', { country: 'RU' });

let t: TestApp;
const ev = (
  visitor: string,
  seed: SessionSeed,
  name: string,
  ts: number,
  path: string,
  props?: Record<string, unknown>,
  over: Partial<PendingEvent> = {},
): PendingEvent =>
  pendingEvent(t.site.id, {
    name,
    visitorKey: `h:${visitor}`,
    ts,
    receivedAt: ts,
    path,
    url: `http://localhost${path}`,
    props: props ? JSON.stringify(props) : null,
    session: seed,
    ...over,
  });

const get = async (path: string) => {
  const r = await t.call('GET', `/api/sites/${t.site.publicId}/${path}`);
  return r;
};
const range = `from=${FROM}&to=${TO}`;

beforeAll(async () => {
  t = testApp({ now: () => TO });
  await t.writer.write([
    ev('a', A, 'pageview', at('10:00:00'), '/'),
    ev('a', A, 'engagement', at('10:00:40'), '/', { seconds: 40, scroll: 80 }),
    ev('a', A, 'pageview', at('10:00:41'), '/prices'),
    ev('a', A, 'web_vital', at('10:00:45'), '/prices', { metric: 'LCP', value: 2000, rating: 'good' }),
    ev('a', A, 'engagement', at('10:01:40'), '/prices', { seconds: 60, scroll: 50 }),
    ev('a', A, 'call_click', at('10:01:50'), '/prices', { phone: '74950000000' }),

    ev('b', B, 'pageview', at('11:00:00'), '/'),
    ev('b', B, 'web_vital', at('11:00:01'), '/', { metric: 'CLS', value: 0.3, rating: 'poor' }),
    ev('b', B, 'engagement', at('11:00:05'), '/', { seconds: 5, scroll: 20 }),

    ev('c', C, 'pageview', at('12:00:00'), '/prices'),
    ev('c', C, 'web_vital', at('12:00:10'), '/prices', { metric: 'LCP', value: 4200, rating: 'poor' }),
    ev('c', C, 'form_start', at('12:00:20'), '/prices', { form: 'booking' }),
    ev('c', C, 'engagement', at('12:00:30'), '/prices', { seconds: 30, scroll: 100 }),
    ev('c', C, 'form_abandon', at('12:00:31'), '/prices', { form: 'booking', field: 'phone' }),
    ev('c', C, 'pageview', at('15:00:00'), '/prices'),
    ev('c', C, 'engagement', at('15:00:03'), '/prices', { seconds: 3, scroll: 10 }),

    ev('d', D, 'pageview', at('13:00:00'), '/missing', undefined, { referrer: 'https://old.example/links' }),
    ev(
      'd',
      D,
      'not_found',
      at('13:00:01'),
      '/missing',
      { path: '/missing' },
      {
        referrer: 'https://old.example/links',
      },
    ),
    ev('d', D, 'pageview', at('13:00:20'), '/'),
    ev('d', D, 'messenger_click', at('13:01:00'), '/', { messenger: 'whatsapp' }),
    ev('d', D, 'file_download', at('13:02:00'), '/', { file: 'price.pdf', ext: 'pdf' }),
    ev('d', D, 'review_submit', at('13:03:00'), '/', { rating: 4 }),
    ev('d', D, 'pageview', at('13:04:00'), '/search'),
    ev('d', D, 'site_search', at('13:04:01'), '/search'),

    ev('e', E, 'pageview', at('10:00:00', '2026-11-30'), '/'),
    ev('e', E, 'engagement', at('10:00:20', '2026-11-30'), '/', { seconds: 20, scroll: 60 }),
    ev('e', E2, 'pageview', at('16:00:00'), '/reviews'),
    ev('e', E2, 'web_vital', at('16:00:05'), '/reviews', { metric: 'INP', value: 100, rating: 'good' }),
    ev('e', E2, 'review_submit', at('16:00:30'), '/reviews', { rating: 5 }),
    ev('e', E2, 'review_submit', at('16:00:40'), '/reviews', { rating: 2 }),
    ev('e', E2, 'form_start', at('16:00:50'), '/reviews', { form: 'review' }),
    ev('e', E2, 'form_submit', at('16:01:00'), '/reviews', { form: 'review' }),
  ]);
});
afterAll(() => t.close());

/**
 * Runs `check` twice: first with every block dirty (events read from the events table), then
 * with the blocks packed, so both ways of reading (the packed `num` column included) are proven.
 */
async function bothWays(check: () => Promise<void>): Promise<void> {
  expect(t.rows('SELECT 1 FROM funnel_blocks').length).toBe(0);
  await check();
  expect(refreshEventBlocks(t.db)).toBeGreaterThan(0);
  try {
    await check();
  } finally {
    // Dirty again for the next test: the blocks are rebuilt from the rows.
    t.db.exec('DELETE FROM funnel_cols; DELETE FROM funnel_blocks');
    t.db.exec(
      `INSERT INTO funnel_dirty (site_id, block, ver) SELECT DISTINCT site_id, visitor_id >> 10, 1 FROM events WHERE true
       ON CONFLICT (site_id, block) DO NOTHING`,
    );
  }
}

const page = (path: string, o: Record<string, unknown>) => ({ path, ...o });

describe('page report', () => {
  it('top, entry and exit pages with visitors, contact conversions, engaged time and scroll', () =>
    bothWays(async () => {
      const { status, body } = await get(`page-report?${range}`);
      expect(status).toBe(200);
      expect(body.top).toEqual([
        page('/', {
          pageviews: 3,
          sessions: 3,
          visitors: 3,
          conversions: 2, // A (call) and D (WhatsApp) after viewing it
          conversionRate: 2 / 3,
          engagedSeconds: 15, // (40 + 5) / 3 views
          scrollDepth: 50, // (80 + 20) / 2
          bounceRate: null,
        }),
        page('/prices', {
          pageviews: 3,
          sessions: 3,
          visitors: 2,
          conversions: 1,
          conversionRate: 0.5,
          engagedSeconds: 31, // (60 + 30 + 3) / 3
          scrollDepth: 160 / 3, // (50 + 100 + 10) / 3 sessions
          bounceRate: null,
        }),
        page('/missing', {
          pageviews: 1,
          sessions: 1,
          visitors: 1,
          conversions: 1,
          conversionRate: 1,
          engagedSeconds: 0,
          scrollDepth: null,
          bounceRate: null,
        }),
        page('/reviews', {
          pageviews: 1,
          sessions: 1,
          visitors: 1,
          conversions: 0,
          conversionRate: 0,
          engagedSeconds: 0,
          scrollDepth: null,
          bounceRate: null,
        }),
        // D searched after the WhatsApp click: no conversion from this page.
        page('/search', {
          pageviews: 1,
          sessions: 1,
          visitors: 1,
          conversions: 0,
          conversionRate: 0,
          engagedSeconds: 0,
          scrollDepth: null,
          bounceRate: null,
        }),
      ]);
      expect(
        body.entry.map((r: Record<string, unknown>) => [
          r.path,
          r.sessions,
          r.visitors,
          r.conversions,
          r.bounceRate,
        ]),
      ).toEqual([
        ['/', 2, 2, 1, 0.5], // A and B; B bounced
        ['/prices', 2, 1, 0, 0.5], // C twice; the 15:00 session bounced
        ['/missing', 1, 1, 1, 0],
        ['/reviews', 1, 1, 0, 0], // E's 30 November session is before the range
      ]);
      expect(
        body.exit.map((r: Record<string, unknown>) => [r.path, r.sessions, r.visitors, r.conversions]),
      ).toEqual([
        ['/prices', 3, 2, 1],
        ['/', 1, 1, 0],
        ['/reviews', 1, 1, 0],
        ['/search', 1, 1, 1], // D's session started before its WhatsApp click
      ]);
    }));

  it('counts a goal as the conversion, filters rows by page and sessions by device', () =>
    bothWays(async () => {
      const goal = await t.call('POST', `/api/sites/${t.site.publicId}/goals`, {
        name: 'Review',
        definition: { kind: 'event', name: 'review_submit' },
      });
      expect(goal.status).toBe(201);
      try {
        const { body } = await get(`page-report?${range}&goal=${goal.body.id}`);
        const conv = (list: Record<string, unknown>[]) => list.map((r) => [r.path, r.conversions]);
        // D reviewed at 13:03 (after / and /missing, before /search); E on /reviews.
        expect(conv(body.top)).toEqual([
          ['/', 1],
          ['/prices', 0],
          ['/missing', 1],
          ['/reviews', 1],
          ['/search', 0],
        ]);
        const prefix = (await get(`page-report?${range}&page=/pr&pageMatch=prefix`)).body;
        expect(prefix.top.map((r: { path: string }) => r.path)).toEqual(['/prices']);
        const mobile = (await get(`page-report?${range}&device=mobile`)).body;
        expect(mobile.top.map((r: Record<string, unknown>) => [r.path, r.pageviews, r.visitors])).toEqual([
          ['/prices', 2, 1],
          ['/', 1, 1],
        ]);
        expect(mobile.entry.map((r: Record<string, unknown>) => [r.path, r.sessions, r.bounceRate])).toEqual([
          ['/prices', 2, 0.5],
          ['/', 1, 1],
        ]);
      } finally {
        await t.call('DELETE', `/api/sites/${t.site.publicId}/goals/${goal.body.id}`);
      }
    }));

  it('refuses a goal that is not the site’s, naming the field', async () => {
    const { status, body } = await get(`page-report?${range}&goal=999`);
    expect(status).toBe(400);
    expect(body.field).toBe('goal');
  });
});

describe('engagement', () => {
  it('time on site and bounce rate, with the previous period', () =>
    bothWays(async () => {
      const { status, body } = await get(`engagement?${range}&compare=1`);
      expect(status).toBe(200);
      // Sessions A, B, C 12:00, C 15:00, D, E 16:00; bounces B and C 15:00; 40+60+5+30+3 s.
      expect(body).toMatchObject({
        from: FROM,
        to: TO,
        sessions: 6,
        bounces: 2,
        bounceRate: 1 / 3,
        timeOnSiteSeconds: 138 / 6,
        pageviewsPerSession: 9 / 6,
        previous: {
          from: FROM - DAY,
          to: FROM,
          sessions: 1,
          bounces: 0,
          bounceRate: 0,
          timeOnSiteSeconds: 20,
          pageviewsPerSession: 1,
        },
      });
      const mobile = (await get(`engagement?${range}&device=mobile`)).body;
      expect(mobile).toMatchObject({ sessions: 3, bounces: 2, timeOnSiteSeconds: 38 / 3 });
      expect(mobile.previous).toBeUndefined();
      const de = (await get(`engagement?${range}&country=de`)).body;
      expect(de).toMatchObject({ sessions: 1, bounces: 1, bounceRate: 1, timeOnSiteSeconds: 5 });
      const landing = (await get(`engagement?${range}&page=/prices`)).body;
      expect(landing).toMatchObject({ sessions: 2, bounces: 1, timeOnSiteSeconds: 33 / 2 });
    }));

  it('compares with the same dates a year earlier through compare=year', async () => {
    const { status, body } = await get(`engagement?${range}&compare=year`);
    expect(status).toBe(200);
    expect(body.previous).toMatchObject({
      from: Date.parse('2025-12-01T00:00:00Z'),
      to: Date.parse('2025-12-02T00:00:00Z'),
      sessions: 0,
    });
    const overview = (await get(`overview?${range}&compare=year`)).body;
    expect(overview.previous.from).toBe(Date.parse('2025-12-01T00:00:00Z'));
    // A range a year back answers through the same params (what a year-over-year chart asks for).
    const lastYear = (await get(`engagement?from=2025-12-01&to=2025-12-02`)).body;
    expect(lastYear).toMatchObject({ from: Date.parse('2025-12-01T00:00:00Z'), sessions: 0 });
    const bad = await get(`engagement?${range}&compare=decade`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('compare');
  });
});

describe('audience', () => {
  it('devices, browsers, operating systems and countries of the range’s sessions', async () => {
    const { status, body } = await get(`audience?${range}`);
    expect(status).toBe(200);
    const rows = (list: { value: string | null; sessions: number; visitors: number }[]) =>
      list.map((r) => [r.value, r.sessions, r.visitors]);
    expect(rows(body.devices)).toEqual([
      ['desktop', 3, 3],
      ['mobile', 3, 2],
    ]);
    expect(rows(body.browsers)).toEqual([
      ['Chrome', 3, 3],
      ['Mobile Safari', 2, 1],
      ['Firefox', 1, 1],
    ]);
    expect(rows(body.operatingSystems)).toEqual([
      ['Windows', 2, 2],
      ['iOS', 2, 1],
      ['Android', 1, 1],
      ['Linux', 1, 1],
    ]);
    expect(rows(body.countries)).toEqual([
      ['RU', 4, 3],
      ['DE', 1, 1],
      [null, 1, 1],
    ]);
    const ru = (await get(`audience?${range}&country=RU`)).body;
    expect(rows(ru.devices)).toEqual([
      ['desktop', 2, 2],
      ['mobile', 2, 1],
    ]);
  });
});

describe('touchpoint details', () => {
  const detail = async (kind: string) => {
    const { status, body } = await get(`touchpoint-detail?${range}&kind=${kind}`);
    expect(status).toBe(200);
    return body;
  };

  it('forms: where forms are abandoned (the field name, never a value)', async () => {
    const forms = await detail('forms');
    expect(forms.rows).toEqual([
      {
        form: 'booking',
        starts: 1,
        submits: 0,
        abandons: 1,
        visitors: 1,
        abandonRate: 1,
        fields: [{ field: 'phone', count: 1 }],
      },
      { form: 'review', starts: 1, submits: 1, abandons: 0, visitors: 1, abandonRate: 0, fields: [] },
    ]);
    // A row of the overview named form_abandon opens the same detail.
    expect((await detail('form_abandon')).rows).toEqual(forms.rows);
  });

  it('404s with where visitors came from, messengers, downloads, reviews and searches', async () => {
    expect((await detail('not_found')).rows).toEqual([
      {
        path: '/missing',
        count: 1,
        visitors: 1,
        referrers: [{ referrer: 'https://old.example/links', count: 1 }],
      },
    ]);
    expect((await detail('messenger_click')).rows).toEqual([{ key: 'whatsapp', count: 1, visitors: 1 }]);
    expect((await detail('file_download')).rows).toEqual([{ key: 'price.pdf', count: 1, visitors: 1 }]);
    expect((await detail('site_search')).rows).toEqual([{ key: '/search', count: 1, visitors: 1 }]);
    expect(await detail('review_submit')).toEqual({
      kind: 'review_submit',
      count: 3,
      average: 11 / 3,
      ratings: [
        { rating: 2, count: 1 },
        { rating: 4, count: 1 },
        { rating: 5, count: 1 },
      ],
      rows: [
        { path: '/reviews', count: 2, average: 3.5 },
        { path: '/', count: 1, average: 4 },
      ],
    });
  });

  it('refuses an unknown kind, naming the field', async () => {
    const { status, body } = await get(`touchpoint-detail?${range}&kind=pageview`);
    expect(status).toBe(400);
    expect(body.field).toBe('kind');
  });
});

describe('page speed', () => {
  it('one row per page, worst first, with LCP, INP and CLS at p75 and a badge', () =>
    bothWays(async () => {
      const { status, body } = await get(`page-speed-pages?${range}`);
      expect(status).toBe(200);
      expect(body).toEqual([
        // Both poor; CLS 0.3 is 3× its good limit (0.1), LCP 4200 1.68× its (2500).
        {
          path: '/',
          lcp: null,
          inp: null,
          cls: { p75: 0.3, rating: 'poor', samples: 1 },
          rating: 'poor',
          samples: 1,
        },
        {
          path: '/prices',
          lcp: { p75: 4200, rating: 'poor', samples: 2 }, // nearest rank of [2000, 4200]
          inp: null,
          cls: null,
          rating: 'poor',
          samples: 2,
        },
        {
          path: '/reviews',
          lcp: null,
          inp: { p75: 100, rating: 'good', samples: 1 },
          cls: null,
          rating: 'good',
          samples: 1,
        },
      ]);
      // The per-metric report reads the same packed values.
      expect((await get(`page-speed?${range}`)).body).toEqual([
        {
          path: '/prices',
          metric: 'LCP',
          samples: 2,
          p75: 4200,
          rating: 'poor',
          good: 1,
          needsImprovement: 0,
          poor: 1,
        },
        {
          path: '/',
          metric: 'CLS',
          samples: 1,
          p75: 0.3,
          rating: 'poor',
          good: 0,
          needsImprovement: 0,
          poor: 1,
        },
        {
          path: '/reviews',
          metric: 'INP',
          samples: 1,
          p75: 100,
          rating: 'good',
          good: 1,
          needsImprovement: 0,
          poor: 0,
        },
      ]);
      const desktop = (await get(`page-speed-pages?${range}&device=desktop`)).body;
      expect(
        desktop.map((r: { path: string; lcp: { p75: number } | null }) => [r.path, r.lcp?.p75 ?? null]),
      ).toEqual([
        ['/prices', 2000],
        ['/reviews', null],
      ]);
    }));
});

describe('the builders’ page list', () => {
  it('pages viewed in the last 90 days with pageviews and visitors, most viewed first', () =>
    bothWays(async () => {
      const { body } = await get('pages');
      expect(body).toEqual([
        { path: '/', pageviews: 4, visitors: 4 }, // E's 30 November view included
        { path: '/prices', pageviews: 3, visitors: 2 },
        { path: '/missing', pageviews: 1, visitors: 1 },
        { path: '/reviews', pageviews: 1, visitors: 1 },
        { path: '/search', pageviews: 1, visitors: 1 },
      ]);
    }));
});
