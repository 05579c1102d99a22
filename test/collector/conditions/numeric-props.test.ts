import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { propFilterSql } from '../../../collector/conditions/prop-filter-sql';
import type { PropFilter } from '../../../collector/model';
import { type Seed, seedDb } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const T0 = Date.UTC(2026, 10, 2, 10);
const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 23);
const RANGE = 'from=2026-11-01&to=2026-11-30';

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

/** One visitor per review, each in a session with a chat opened right after it. */
function reviews(ratings: readonly unknown[]): void {
  s.events(
    ratings.flatMap((rating, i) => {
      const v = `r${i}`;
      const session = s.session({ visitor: v, start: T0 + i * MIN });
      return [
        { visitor: v, name: 'review_submit', ts: T0 + i * MIN, session, props: { rating } },
        { visitor: v, name: 'chat_open', ts: T0 + i * MIN + 1000, session },
      ];
    }),
  );
}

describe('prop filters compare numbers as numbers', () => {
  it('scorecard: a review rated 1 or 2 fails, as a number or as text; 4 and 5 do not', async () => {
    reviews([5, '5', 4, 1, '2']);
    const r = await t.call('GET', `${base}/scorecard?${RANGE}`);
    expect(r.status).toBe(200);
    const row = r.body.rows.find((x: { key: string }) => x.key === 'review_submit');
    expect(row).toMatchObject({ visitors: 5, negativeShare: 2 / 5 });
    expect(row.quality.checks).toEqual([
      expect.objectContaining({ check: 'low-review', checked: 5, failed: 2, verdict: 'too-few' }),
    ]);
    expect(row.quality.sentence).toBe('only 5 reviews with a numeric rating: too few to judge ratings');
  });

  it('scorecard: "10" is a number above 2 and "n/a" no rating at all', async () => {
    reviews([5, 5, '5', '10', 'n/a']);
    const r = await t.call('GET', `${base}/scorecard?${RANGE}`);
    const row = r.body.rows.find((x: { key: string }) => x.key === 'review_submit');
    expect(row.quality.checks[0]).toMatchObject({ checked: 4, failed: 0 });
    expect(row.negativeShare).toBe(0);
  });

  it('a goal on rating gte 4 counts the 5-star reviews and not the 2-star ones, whether the 4 or the rating is text', async () => {
    reviews([5, 2, '5', '2', '10', 'n/a']);
    for (const value of [4, '4']) {
      const goal = (
        await t.call('POST', `${base}/goals`, {
          name: `Happy ${typeof value}`,
          definition: { kind: 'event', name: 'review_submit', props: [{ key: 'rating', op: 'gte', value }] },
        })
      ).body;
      const r = await t.call('GET', `${base}/goals/${goal.id}?${RANGE}`);
      expect(r.status).toBe(200);
      // 5, "5" and "10"; never 2, "2" or the text "n/a".
      expect(r.body.stats, `value ${JSON.stringify(value)}`).toMatchObject({
        conversions: 3,
        convertedVisitors: 3,
      });
    }
  });
});

describe('propFilterSql', () => {
  const db = new Database(':memory:');
  const holds = (f: PropFilter, props: unknown) => {
    const q = propFilterSql([f]);
    return db
      .prepare(`SELECT ${q.sql} AS ok FROM (SELECT ? AS props)`)
      .get(...q.params, props === undefined ? null : JSON.stringify(props)) as { ok: number };
  };
  const ok = (f: PropFilter, props: unknown) => holds(f, props).ok === 1;

  it('orders numbers and numeric strings as numbers, other strings as text', () => {
    expect(ok({ key: 'rating', op: 'lte', value: '2' }, { rating: 5 })).toBe(false);
    expect(ok({ key: 'rating', op: 'lte', value: 2 }, { rating: '10' })).toBe(false);
    expect(ok({ key: 'rating', op: 'gt', value: '9' }, { rating: '10' })).toBe(true);
    expect(ok({ key: 'rating', op: 'lt', value: 4.5 }, { rating: '1e0' })).toBe(true);
    expect(ok({ key: 'day', op: 'gte', value: '2026-11-02' }, { day: '2026-11-10' })).toBe(true);
    // A number never orders against words.
    expect(ok({ key: 'rating', op: 'gte', value: 4 }, { rating: 'n/a' })).toBe(false);
    expect(ok({ key: 'rating', op: 'lte', value: 'n/a' }, { rating: 5 })).toBe(false);
  });

  it('equates a number with a numeric string, but two strings only as text', () => {
    expect(ok({ key: 'n', op: 'eq', value: '5' }, { n: 5 })).toBe(true);
    expect(ok({ key: 'n', op: 'eq', value: 5 }, { n: '5.0' })).toBe(true);
    expect(ok({ key: 'n', op: 'eq', value: '5.0' }, { n: '5' })).toBe(false);
    expect(ok({ key: 'n', op: 'eq', value: '007' }, { n: 7 })).toBe(false);
    expect(ok({ key: 'n', op: 'neq', value: '5' }, { n: 5 })).toBe(false);
    expect(ok({ key: 'n', op: 'neq', value: 5 }, {})).toBe(true);
    expect(ok({ key: 'flag', op: 'eq', value: true }, { flag: true })).toBe(true);
    expect(ok({ key: 'n', op: 'contains', value: 'bc' }, { n: 'abcd' })).toBe(true);
  });
});
