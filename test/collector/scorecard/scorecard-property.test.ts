import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoal } from '../../../collector/goals/goal-store';
import type { Goal } from '../../../collector/model';
import { getScorecard } from '../../../collector/queries/get-scorecard';
import { type Seed, type SeedEvent, seedDb } from '../../support/seed';
import { MIN, seedScorecardFixture, T0 } from './scorecard-fixture';

const RANGE = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) };
const BAD = [
  'poor-vital',
  'not-found',
  'form-abandon',
  'form-invalid',
  'rage-click',
  'dead-click',
  'missed-call',
  'low-review',
] as const;
type Bad = (typeof BAD)[number];

/** Bad events on other touchpoints (pages, forms, calls, reviews) in visitor i's own session. */
function badEvents(kind: Bad, i: number, session: number, offset: number): SeedEvent[] {
  const visitor = `v${i}`;
  const ts = T0 + i * 10 * MIN + offset;
  const web = { visitor, session, ts };
  switch (kind) {
    case 'poor-vital':
      return [
        { ...web, name: 'web_vital', path: '/', props: { metric: 'LCP', value: 7000, rating: 'poor' } },
      ];
    case 'not-found':
      return [
        { ...web, name: 'pageview', path: '/old-promo' },
        { ...web, name: 'not_found', path: '/old-promo' },
      ];
    case 'form-abandon':
      return [
        { ...web, name: 'form_start', path: '/', props: { form: 'contact' } },
        { ...web, name: 'form_abandon', path: '/', props: { form: 'contact', field: 'phone' } },
      ];
    case 'form-invalid':
      return [{ ...web, name: 'form_invalid', path: '/', props: { form: 'contact', field: 'email' } }];
    case 'rage-click':
      return [{ ...web, name: 'rage_click', path: '/', props: { element: 'button#go' } }];
    case 'dead-click':
      return [{ ...web, name: 'dead_click', path: '/', props: { element: 'a#menu' } }];
    case 'missed-call':
      return [
        { ...web, name: 'call_click', path: '/', props: { phone: '79990001122' } },
        { visitor, name: 'call_missed', ts: ts + 20_000, origin: 'import' },
      ];
    case 'low-review':
      return [{ ...web, name: 'review_submit', path: '/', props: { rating: 1 } }];
  }
}

const arbitraryBad = fc.array(
  fc.record({
    kind: fc.constantFrom(...BAD),
    visitor: fc.integer({ min: 0, max: 199 }),
    offset: fc.integer({ min: 0, max: 9 * MIN }),
  }),
  { minLength: 1, maxLength: 120 },
);

/** What a row's rating rests on: the parts that must not move. */
const verdict = (row: any) =>
  row && { rating: row.rating, reason: row.reason, effect: row.effect, quality: row.quality, lift: row.lift };

for (const callbacks of ['answered', 'half'] as const) {
  describe(`scorecard property (callbacks ${callbacks})`, () => {
    let s: Seed;
    let sessions: number[];
    let goal: Goal;
    let base: ReturnType<typeof getScorecard>;
    beforeAll(() => {
      s = seedDb();
      sessions = seedScorecardFixture(s, { callbacks });
      goal = createGoal(s.db, s.site.id, { name: 'Booked', definition: { kind: 'event', name: 'booked' } })!;
      // Names made before the rolled-back runs, so the seeder's cache never points at a lost row.
      for (const n of ['web_vital', 'not_found', 'form_start', 'form_abandon', 'form_invalid', 'rage_click'])
        s.nameId(n);
      for (const n of ['dead_click', 'call_click', 'call_missed']) s.nameId(n);
      base = getScorecard(s.db, s.site.id, { ...RANGE, goal, responseStandardMs: 15 * MIN });
    });
    afterAll(() => s.close());

    it('adding bad events to other touchpoints never changes a touchpoint’s rating', () => {
      const row = (card: typeof base, key: string) => verdict(card.rows.find((r) => r.key === key));
      fc.assert(
        fc.property(arbitraryBad, (bad) => {
          s.db.exec('BEGIN');
          try {
            s.events(bad.flatMap((b) => badEvents(b.kind, b.visitor, sessions[b.visitor]!, b.offset)));
            const card = getScorecard(s.db, s.site.id, { ...RANGE, goal, responseStandardMs: 15 * MIN });
            expect(card.visitors).toBe(base.visitors);
            expect(row(card, 'callback_request')).toEqual(row(base, 'callback_request'));
            expect(row(card, 'file_download')).toEqual(row(base, 'file_download'));
            if (!bad.some((b) => b.kind === 'low-review'))
              expect(row(card, 'review_submit')).toEqual(row(base, 'review_submit'));
          } finally {
            s.db.exec('ROLLBACK');
          }
        }),
        { numRuns: 40 },
      );
    });
  });
}
