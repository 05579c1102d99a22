import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshEventBlocks } from '../../../collector/blocks';
import { callbackPairs } from '../../../collector/queries/callback-pairs';
import { countMissedCalls } from '../../../collector/queries/count-missed-calls';
import { findPoorVitals } from '../../../collector/queries/find-poor-vitals';
import { getScorecard } from '../../../collector/queries/get-scorecard';
import { sumNameValues } from '../../../collector/queries/sum-name-values';
import { type Seed, seedDb } from '../../support/seed';

const MIN = 60_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2026, 10, 1);
const TO = Date.UTC(2026, 10, 8);
const T = Date.UTC(2026, 10, 2, 10);

let s: Seed;
beforeEach(() => {
  s = seedDb();
});
afterEach(() => s.close());

const plan = (sql: string, ...params: unknown[]) =>
  (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');

describe('callback pairs, with the answers read in one pass', () => {
  it('pairs each request with the first later answer of its visitor or lead, a week past the range included', () => {
    const ses = (visitor: string) => s.session({ visitor, start: T });
    const req = (visitor: string, ts: number, lead: string | null = null) => ({
      visitor,
      name: 'callback_request',
      ts,
      session: ses(visitor),
      path: '/',
      lead,
    });
    s.events([
      // a: answered in 5 minutes.
      req('a', T),
      { visitor: 'a', name: 'callback_made', ts: T + 5 * MIN, origin: 'offline' },
      // b: its lead is answered (through another visitor) before b's own answer: the lead's wins.
      req('b', T, 'L1'),
      { visitor: 'crm', name: 'call_answered', ts: T + 20 * MIN, lead: 'L1', origin: 'offline' },
      { visitor: 'b', name: 'callback_made', ts: T + 30 * MIN, origin: 'offline' },
      // c: answered ten days after the range, beyond the one-pass window: looked up alone.
      req('c', T),
      { visitor: 'c', name: 'callback_made', ts: TO + 10 * DAY, origin: 'offline' },
      // d: two requests before one answer, both answered by it; one answer before them counts for neither.
      { visitor: 'd', name: 'call_answered', ts: T + 1 * MIN, origin: 'offline' },
      req('d', T + 2 * MIN),
      req('d', T + 3 * MIN),
      { visitor: 'd', name: 'call_answered', ts: T + 60 * MIN, origin: 'offline' },
      // e: never answered.
      req('e', T + 4 * MIN),
      // Outside the range: not a request of it.
      req('a', TO + MIN),
    ]);
    const answered = (q = { from: FROM, to: TO }) =>
      callbackPairs(s.db, s.site.id, q).map((p) => [p.ts - T, p.lead, p.answeredAt, p.answeredBy]);
    const expected = [
      [0, null, T + 5 * MIN, 'callback_made'],
      [0, 'L1', T + 20 * MIN, 'call_answered'],
      [0, null, TO + 10 * DAY, 'callback_made'],
      [2 * MIN, null, T + 60 * MIN, 'call_answered'],
      [3 * MIN, null, T + 60 * MIN, 'call_answered'],
      [4 * MIN, null, null, null],
    ];
    expect(answered()).toEqual(expected);
    // Without the late answer nothing lies beyond the window: c is then never answered.
    s.db.prepare("DELETE FROM events WHERE ts = ? AND origin = 'offline'").run(TO + 10 * DAY);
    expect(answered()).toEqual(expected.map((x, i) => (i === 2 ? [0, null, null, null] : x)));
  });
});

describe('missed calls, with the calls read in one pass', () => {
  it('checks each click against the nearest call from 5 minutes before to 30 after, the earlier on a tie', () => {
    const click = (visitor: string, ts: number) => ({
      visitor,
      name: 'call_click',
      ts,
      session: s.session({ visitor, start: ts }),
    });
    const call = (visitor: string, name: string, ts: number) => ({
      visitor,
      name,
      ts,
      origin: 'offline' as const,
    });
    s.events([
      // a: answered 4 minutes before, missed 4 after: the earlier (answered) is the nearest.
      click('a', T),
      call('a', 'call_answered', T - 4 * MIN),
      call('a', 'call_missed', T + 4 * MIN),
      // b: missed 10 minutes after, answered 29 after: missed.
      click('b', T),
      call('b', 'call_missed', T + 10 * MIN),
      call('b', 'call_answered', T + 29 * MIN),
      // c: the only call 31 minutes after, d: 6 minutes before; e: no call at all. Not checked.
      click('c', T),
      call('c', 'call_missed', T + 31 * MIN),
      click('d', T),
      call('d', 'call_missed', T - 6 * MIN),
      click('e', T),
      // f: clicked on the range's last minute, called back after it: checked, missed.
      click('f', TO - MIN),
      call('f', 'call_missed', TO + 20 * MIN),
    ]);
    expect(countMissedCalls(s.db, s.site.id, { from: FROM, to: TO })).toEqual({ checked: 3, failed: 2 });
  });
});

describe('migration 11 indexes', () => {
  it('finds the poor core vitals through events_poor_vitals; props that are not JSON are still stored', () => {
    const sess = s.session({ visitor: 'a', start: T });
    const vital = (metric: string, rating: string, ts: number) => ({
      visitor: 'a',
      name: 'web_vital',
      ts,
      session: sess,
      path: '/',
      props: { metric, value: 1, rating },
    });
    s.events([
      vital('LCP', 'poor', T),
      vital('CLS', 'poor', T + 1),
      vital('INP', 'good', T + 2),
      vital('FCP', 'poor', T + 3),
      vital('LCP', 'poor', TO + 1),
    ]);
    // A row whose props are not JSON: its insert must not fail on the index's expressions.
    s.db
      .prepare(`INSERT INTO events (site_id, uid, name_id, visitor_id, ts, received_at, props)
      VALUES (?, 'bad', ?, ?, ?, ?, '{"rating":"poor"')`)
      .run(s.site.id, s.nameId('web_vital'), s.visitorId('a'), T + 4, T + 4);
    const ids = s.db
      .prepare('SELECT id FROM events WHERE ts IN (?, ?) ORDER BY ts')
      .pluck()
      .all(T, T + 1);
    expect([...findPoorVitals(s.db, s.site.id, { from: FROM, to: TO })]).toEqual([
      [ids[0], 0],
      [ids[1], 2],
    ]);
    expect(
      plan(
        `SELECT id, CASE WHEN json_valid(props) THEN json_extract(props, '$.metric') END FROM events
        WHERE site_id = ? AND ts >= ? AND ts < ? AND name_id = (SELECT id FROM names WHERE name = 'web_vital')
          AND CASE WHEN json_valid(props) THEN json_extract(props, '$.rating') END = 'poor'`,
        1,
        FROM,
        TO,
      ),
    ).toContain('events_poor_vitals');
  });

  it('sums values per name through events_with_value', () => {
    s.events([
      { visitor: 'a', name: 'deal_won', ts: T, value: 100, origin: 'offline' },
      { visitor: 'b', name: 'deal_won', ts: T + 1, value: 50.5, origin: 'offline' },
      { visitor: 'c', name: 'deal_won', ts: T + 2, origin: 'offline' },
      { visitor: 'c', name: 'meeting', ts: T + 3, origin: 'offline' },
      { visitor: 'd', name: 'deal_won', ts: TO, value: 7, origin: 'offline' },
    ]);
    const ids = [s.nameId('deal_won'), s.nameId('meeting')];
    expect([...sumNameValues(s.db, s.site.id, { from: FROM, to: TO }, ids)]).toEqual([[ids[0], 150.5]]);
    expect(sumNameValues(s.db, s.site.id, { from: FROM, to: TO }, []).size).toBe(0);
  });
});

describe('the scorecard’s page visits', () => {
  it('counts visits, not-found, poor vitals and frustrated clicks per session and page, packed or not', () => {
    const one = s.session({ visitor: 'a', start: T });
    const two = s.session({ visitor: 'a', start: T + DAY });
    const three = s.session({ visitor: 'b', start: T });
    const ev = (
      visitor: string,
      session: number,
      name: string,
      ts: number,
      path: string,
      props?: object,
    ) => ({
      visitor,
      name,
      ts,
      session,
      path,
      ...(props ? { props: props as Record<string, unknown> } : {}),
    });
    s.events([
      // a, session one: /x with a poor LCP and a not-found; /y with a good vital.
      ev('a', one, 'pageview', T, '/x'),
      ev('a', one, 'web_vital', T + 1, '/x', { metric: 'LCP', value: 5000, rating: 'poor' }),
      ev('a', one, 'not_found', T + 2, '/x'),
      ev('a', one, 'pageview', T + 3, '/y'),
      ev('a', one, 'web_vital', T + 4, '/y', { metric: 'CLS', value: 0.01, rating: 'good' }),
      // back on /x in the same session: the same visit, its poor CLS counts for that visit.
      ev('a', one, 'web_vital', T + 5, '/x', { metric: 'CLS', value: 0.5, rating: 'poor' }),
      // a, session two: a vital on /x before its pageview, then a rage click.
      ev('a', two, 'web_vital', T + DAY, '/x', { metric: 'INP', value: 800, rating: 'poor' }),
      ev('a', two, 'pageview', T + DAY + 1, '/x'),
      ev('a', two, 'rage_click', T + DAY + 2, '/x'),
      // b: a vital on /z without a pageview (no visit), and a plain view of /y.
      ev('b', three, 'web_vital', T, '/z', { metric: 'LCP', value: 5000, rating: 'poor' }),
      ev('b', three, 'pageview', T + 1, '/y'),
    ]);
    const pages = () => {
      const card = getScorecard(s.db, s.site.id, {
        from: FROM,
        to: TO,
        goal: null,
        responseStandardMs: 15 * MIN,
      });
      return [...card.rows, ...card.outcomes]
        .filter((r) => r.key.startsWith('page:'))
        .map((r) => ({
          page: r.label,
          events: r.events,
          visitors: r.visitors,
          checks: Object.fromEntries(
            (r.quality?.checks ?? []).map((c) => [c.check, [c.checked, c.failed, c.top ?? null]]),
          ),
        }))
        .sort((a, b) => (a.page < b.page ? -1 : 1));
    };
    const expected = [
      {
        page: '/x',
        events: 2,
        visitors: 1,
        checks: {
          'not-found': [2, 1, '(direct)'],
          'poor-vitals': [2, 2, 'LCP'],
          'frustrated-clicks': [2, 1, null],
        },
      },
      {
        page: '/y',
        events: 2,
        visitors: 2,
        checks: { 'not-found': [2, 0, null], 'poor-vitals': [1, 0, null], 'frustrated-clicks': [2, 0, null] },
      },
    ];
    expect(pages()).toEqual(expected);
    expect(refreshEventBlocks(s.db)).toBeGreaterThan(0);
    expect(pages()).toEqual(expected);
  });
});
