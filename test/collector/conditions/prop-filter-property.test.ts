import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refreshEventBlocks } from '../../../collector/blocks';
import type { Goal, PropFilter } from '../../../collector/model';
import { getFunnel } from '../../../collector/queries/get-funnel';
import { getGoalStats } from '../../../collector/queries/get-goal-stats';
import { seedDb } from '../../support/seed';
import { propFiltersMatch } from './prop-filter-reference';

const MIN = 60_000;
const T0 = 1_000_000;
/** Prop values that meet filters as numbers, numeric strings, plain text, booleans and JSON. */
const PROP_VALUES = [
  5,
  2,
  10,
  4.5,
  0,
  -1,
  true,
  false,
  '5',
  '2',
  '10',
  '4.5',
  ' 5',
  '1e1',
  '-0',
  '007',
  'abc',
  'Abc',
  '2026-11-20',
  '',
  null,
  [1],
  { a: 1 },
];
const FILTER_VALUES = [
  5,
  2,
  4,
  4.5,
  10,
  0,
  true,
  false,
  '5',
  '2',
  '4',
  '10',
  '4.5',
  '1e1',
  '007',
  '7',
  'abc',
  '2026-11-01',
  '',
  undefined,
];
const OPS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;

const filter = fc
  .record({
    key: fc.constantFrom('rating', 'other'),
    op: fc.constantFrom(...OPS),
    value: fc.constantFrom(...FILTER_VALUES),
  })
  .map((f): PropFilter => (f.value === undefined ? { key: f.key, op: f.op } : f));
const scenario = fc.record({
  filters: fc.array(filter, { minLength: 1, maxLength: 2 }),
  // One visitor per event: the funnel's step-1 count is then the number of matching events.
  events: fc.array(
    fc.record({
      name: fc.constantFrom('review_submit', 'pageview'),
      props: fc.option(
        fc.dictionary(fc.constantFrom('rating', 'other'), fc.constantFrom(...PROP_VALUES), { maxKeys: 2 }),
        { nil: null },
      ),
      t: fc.integer({ min: 0, max: 60 }),
    }),
    { minLength: 1, maxLength: 25 },
  ),
  packFirst: fc.boolean(),
});

describe('prop filters: the funnel engine, the goals SQL and the written rules agree', () => {
  it('counts the same events for every op and every mix of numbers, numeric strings and text', () => {
    const s = seedDb();
    let run = 0;
    try {
      fc.assert(
        fc.property(scenario, (sc) => {
          const siteId = Number(
            s.db
              .prepare(
                `INSERT INTO sites (public_id, domain, secret, created_at) VALUES (?, 'x.test', 's', 0)`,
              )
              .run(`pf${++run}`).lastInsertRowid,
          );
          s.events(
            sc.events.map((e, i) => ({ visitor: `v${i}`, name: e.name, ts: T0 + e.t * MIN, props: e.props })),
            siteId,
          );
          if (sc.packFirst) refreshEventBlocks(s.db, { siteIds: [siteId] });
          const range = { from: T0 + 10 * MIN, to: T0 + 50 * MIN };
          const want = sc.events.filter(
            (e) =>
              e.name === 'review_submit' &&
              T0 + e.t * MIN >= range.from &&
              T0 + e.t * MIN < range.to &&
              propFiltersMatch(sc.filters, e.props),
          ).length;
          // The funnel engine: compileConditions over packed or dirty blocks.
          const funnel = getFunnel(s.db, {
            siteId,
            steps: [{ names: ['review_submit'], props: sc.filters }, { names: ['never'] }],
            windowMs: MIN,
            ...range,
            trend: false,
          }).steps[0]!.entered;
          // The goals API: conditionSql over the events table.
          const goal: Goal = {
            id: 1,
            siteId,
            name: 'g',
            value: null,
            currency: null,
            createdAt: 0,
            updatedAt: 0,
            definition: { kind: 'event', name: 'review_submit', props: sc.filters },
          };
          const stats = getGoalStats(s.db, siteId, goal, range).conversions;
          expect({ funnel, goal: stats }).toEqual({ funnel: want, goal: want });
        }),
        { numRuns: 400 },
      );
    } finally {
      s.close();
    }
  });
});
