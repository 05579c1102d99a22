import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshEventBlocks } from '../../../collector/blocks';
import { migrate } from '../../../collector/db/migrate';
import { migrations } from '../../../collector/db/migrations';
import { getFunnel } from '../../../collector/queries/get-funnel';
import type { FunnelQuery } from '../../../collector/reports/types';
import { type Seed, seedDb } from '../../support/seed';

const T0 = Date.UTC(2026, 10, 2, 10);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let s: Seed;
beforeEach(() => {
  s = seedDb();
});
afterEach(() => s.close());

const q = (over: Partial<FunnelQuery> = {}): FunnelQuery => ({
  siteId: s.site.id,
  steps: [
    { names: ['pageview'], page: '/' },
    { names: ['pageview'], page: '/pricing*' },
    { names: ['form_submit'], props: [{ key: 'form', op: 'eq', value: 'callback' }] },
  ],
  windowMs: HOUR,
  from: T0 - DAY,
  to: T0 + 5 * DAY,
  ...over,
});
const entered = (r: ReturnType<typeof getFunnel>) => r.steps.map((x) => x.entered);

/** Each test runs on rows read straight from the events table and again on packed blocks. */
const both = (name: string, fn: () => void) => {
  it(`${name} (fresh rows)`, fn);
  it(`${name} (packed blocks)`, () => {
    const run = fn;
    // Pack whatever the test seeds before querying: wrap getFunnel through refresh.
    packAfterSeed = true;
    try {
      run();
    } finally {
      packAfterSeed = false;
    }
  });
};
let packAfterSeed = false;
const funnel = (over: Partial<FunnelQuery> = {}) => {
  if (packAfterSeed) refreshEventBlocks(s.db);
  return getFunnel(s.db, q(over));
};

describe('getFunnel on SQLite', () => {
  both('matches page patterns and prop filters, and reports the weakest link', () => {
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/' },
      { visitor: 'a', name: 'pageview', ts: T0 + MIN, path: '/pricing/pro' },
      { visitor: 'a', name: 'form_submit', ts: T0 + 3 * MIN, props: { form: 'callback' } },
      { visitor: 'b', name: 'pageview', ts: T0, path: '/' },
      { visitor: 'b', name: 'pageview', ts: T0 + MIN, path: '/pricing' },
      { visitor: 'b', name: 'form_submit', ts: T0 + 2 * MIN, props: { form: 'newsletter' } },
      { visitor: 'c', name: 'pageview', ts: T0, path: '/' },
      { visitor: 'c', name: 'pageview', ts: T0 + MIN, path: '/pricingX' },
      { visitor: 'd', name: 'pageview', ts: T0, path: '/about' },
    ]);
    const r = funnel();
    expect(entered(r)).toEqual([3, 3, 1]);
    expect(r.weakest!.step).toBe(3);
    expect(r.weakest!.dropOffRate).toBeCloseTo(2 / 3);
    expect(r.steps[2]).toMatchObject({
      dropOff: 2,
      conversionFromStart: 1 / 3,
      conversionFromPrevious: 1 / 3,
    });
    expect(r.steps[1]!.medianMsFromPrevious).toBe(MIN);
    expect(r.steps[2]!.medianMsFromPrevious).toBe(2 * MIN);
    expect(r.conversion).toBeCloseTo(1 / 3);
  });

  both('gives the same answer whatever order the events arrived in', () => {
    s.events([
      { visitor: 'a', name: 'form_submit', ts: T0 + 3 * MIN, props: { form: 'callback' } },
      { visitor: 'a', name: 'pageview', ts: T0 + MIN, path: '/pricing' },
      { visitor: 'a', name: 'pageview', ts: T0, path: '/' },
    ]);
    expect(entered(funnel())).toEqual([1, 1, 1]);
  });

  both('counts each session on its own when counting by session', () => {
    const s1 = s.session({ visitor: 'a', start: T0 });
    const s2 = s.session({ visitor: 'a', start: T0 + 2 * HOUR });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/', session: s1 },
      { visitor: 'a', name: 'pageview', ts: T0 + 2 * HOUR, path: '/', session: s2 },
      { visitor: 'a', name: 'pageview', ts: T0 + 2 * HOUR + MIN, path: '/pricing', session: s2 },
    ]);
    expect(entered(funnel({ countBy: 'session' }))).toEqual([2, 1, 0]);
    expect(entered(funnel({ countBy: 'visitor' }))).toEqual([1, 1, 0]);
  });

  both('drops attempts hit by an exclusion step', () => {
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/' },
      { visitor: 'a', name: 'not_found', ts: T0 + MIN },
      { visitor: 'a', name: 'pageview', ts: T0 + 2 * MIN, path: '/pricing' },
    ]);
    expect(entered(funnel({ exclusions: [{ names: ['not_found'] }] }))).toEqual([1, 0, 0]);
    expect(entered(funnel())).toEqual([1, 1, 0]);
  });

  both('breaks a strict funnel on another funnel event in between', () => {
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/' },
      { visitor: 'a', name: 'form_submit', ts: T0 + MIN, props: { form: 'callback' } },
      { visitor: 'a', name: 'pageview', ts: T0 + 2 * MIN, path: '/pricing' },
    ]);
    expect(entered(funnel({ mode: 'strict' }))).toEqual([1, 0, 0]);
    expect(entered(funnel({ mode: 'any' }))).toEqual([1, 1, 1]);
  });

  both('breaks down by the channel of the session where the best attempt started', () => {
    const paid = s.session({ visitor: 'a', start: T0, channel: 'paid' });
    const search = s.session({ visitor: 'b', start: T0, channel: 'search' });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/', session: paid },
      { visitor: 'a', name: 'pageview', ts: T0 + MIN, path: '/pricing', session: paid },
      { visitor: 'b', name: 'pageview', ts: T0, path: '/', session: search },
    ]);
    const r = funnel({ breakdown: 'channel' });
    expect(r.breakdown!.groups).toEqual([
      { value: 'paid', entered: [1, 1, 0], conversion: 0, tooSmall: true },
      { value: 'search', entered: [1, 0, 0], conversion: 0, tooSmall: true },
    ]);
  });

  both('marks breakdown rows started by fewer than 30 visitors as too small to judge', () => {
    const events = [];
    for (let i = 0; i < 35; i++) {
      const channel = i < 30 ? 'paid' : 'search';
      const session = s.session({ visitor: `v${i}`, start: T0, channel });
      events.push({ visitor: `v${i}`, name: 'pageview', ts: T0, path: '/', session });
    }
    s.events(events);
    expect(
      funnel({ breakdown: 'channel' }).breakdown!.groups.map((g) => [g.value, g.entered[0], g.tooSmall]),
    ).toEqual([
      ['paid', 30, false],
      ['search', 5, true],
    ]);
  });

  both('breaks down by utm source, campaign, device and landing page, unset values as null', () => {
    const ad = s.session({
      visitor: 'a',
      start: T0,
      channel: 'paid',
      utmSource: 'google',
      utmCampaign: 'sofas',
      device: 'mobile',
      landingPath: '/',
    });
    const ad2 = s.session({
      visitor: 'b',
      start: T0,
      channel: 'paid',
      utmSource: 'google',
      utmCampaign: 'brand',
      device: 'desktop',
      landingPath: '/',
    });
    const plain = s.session({ visitor: 'c', start: T0, landingPath: '/blog' });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/', session: ad },
      { visitor: 'a', name: 'pageview', ts: T0 + MIN, path: '/pricing', session: ad },
      { visitor: 'b', name: 'pageview', ts: T0, path: '/', session: ad2 },
      { visitor: 'c', name: 'pageview', ts: T0, path: '/blog', session: plain },
      { visitor: 'c', name: 'pageview', ts: T0 + MIN, path: '/', session: plain },
    ]);
    const groups = (by: FunnelQuery['breakdown']) =>
      funnel({ breakdown: by }).breakdown!.groups.map((g) => [g.value, g.entered[0], g.entered[1]]);
    expect(groups('utm_source')).toEqual([
      ['google', 2, 1],
      [null, 1, 0],
    ]);
    expect(groups('utm_campaign')).toEqual([
      ['brand', 1, 0],
      ['sofas', 1, 1],
      [null, 1, 0],
    ]);
    expect(groups('device')).toEqual([
      ['desktop', 1, 0],
      ['mobile', 1, 1],
      [null, 1, 0],
    ]);
    expect(groups('landing_page')).toEqual([
      ['/', 2, 1],
      ['/blog', 1, 0],
    ]);
    // Counting by session uses each session's own value; totals stay the funnel's.
    expect(
      funnel({ breakdown: 'device', countBy: 'session' }).breakdown!.groups.reduce(
        (a, g) => a + g.entered[0]!,
        0,
      ),
    ).toBe(3);
  });

  both('compares with the previous period and trends daily', () => {
    s.events([
      { visitor: 'old', name: 'pageview', ts: T0 - DAY, path: '/' },
      { visitor: 'a', name: 'pageview', ts: T0, path: '/' },
      { visitor: 'a', name: 'pageview', ts: T0 + MIN, path: '/pricing' },
      { visitor: 'a', name: 'form_submit', ts: T0 + 2 * MIN, props: { form: 'callback' } },
      { visitor: 'b', name: 'pageview', ts: T0 + DAY, path: '/' },
    ]);
    const r = funnel({ from: T0 - HOUR, to: T0 + 2 * DAY, compare: true });
    expect(r.comparison).toMatchObject({
      from: T0 - HOUR - (2 * DAY + HOUR),
      to: T0 - HOUR,
      entered: [1, 0, 0],
      conversion: 0,
    });
    expect(r.comparison!.change).toBeCloseTo(0.5);
    expect(r.trend).toEqual([
      { day: '2026-11-02', entered: 1, converted: 1, conversion: 1 },
      { day: '2026-11-03', entered: 1, converted: 0, conversion: 0 },
    ]);
  });
});

describe('packed blocks stay right as events change', () => {
  it('reads blocks packed before session dimensions existed from rows until migration 4 has them repacked', () => {
    const paid = s.session({ visitor: 'a', start: T0, channel: 'paid' });
    s.events([
      { visitor: 'a', name: 'pageview', ts: T0, path: '/', session: paid },
      { visitor: 'a', name: 'pageview', ts: T0 + MIN, path: '/pricing', session: paid },
    ]);
    refreshEventBlocks(s.db);
    // What a file packed by the previous release looks like: no sdim column, schema version 3.
    s.db.prepare("DELETE FROM funnel_cols WHERE col = 'sdim'").run();
    s.db.pragma('user_version = 3');
    const groups = () => getFunnel(s.db, q({ breakdown: 'channel' })).breakdown!.groups;
    expect(groups()).toEqual([{ value: 'paid', entered: [1, 1, 0], conversion: 0, tooSmall: true }]);
    // Only migration 4 (this file already has 5's column and triggers; see packer.test.ts for 5).
    migrate(s.db, migrations.slice(0, 4));
    expect(s.db.prepare('SELECT count(*) FROM funnel_dirty').pluck().get()).toBe(1);
    expect(refreshEventBlocks(s.db)).toBe(1);
    expect(s.db.prepare("SELECT count(*) FROM funnel_cols WHERE col = 'sdim'").pluck().get()).toBe(1);
    expect(groups()).toEqual([{ value: 'paid', entered: [1, 1, 0], conversion: 0, tooSmall: true }]);
  });

  it('sees events added after packing, and a lead re-pointed onto a visitor', () => {
    s.events([{ visitor: 'a', name: 'pageview', ts: T0, path: '/' }]);
    refreshEventBlocks(s.db);
    const steps = [{ names: ['pageview'] }, { names: ['call_answered'] }];
    expect(entered(getFunnel(s.db, q({ steps })))).toEqual([1, 0]);
    s.events([
      { visitor: 'l:lead-1', name: 'call_answered', ts: T0 + MIN, lead: 'lead-1', origin: 'offline' },
    ]);
    expect(entered(getFunnel(s.db, q({ steps })))).toEqual([1, 0]);
    refreshEventBlocks(s.db);
    // identify links the lead: the writer moves its events onto the web visitor
    s.db
      .prepare('UPDATE events SET visitor_id = ? WHERE visitor_id = ?')
      .run(s.visitorId('a'), s.visitorId('l:lead-1'));
    expect(entered(getFunnel(s.db, q({ steps })))).toEqual([1, 1]);
    refreshEventBlocks(s.db);
    expect(entered(getFunnel(s.db, q({ steps })))).toEqual([1, 1]);
    expect(s.db.prepare('SELECT count(*) FROM funnel_dirty').pluck().get()).toBe(0);
  });
});
