import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNNEL_MODES } from '../../../collector/model';
import { referenceLevel } from '../../support/reference-funnel';
import { type E, walk } from './walk-helper';

const events = (steps: number) =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 200 }),
        fc.subarray(
          Array.from({ length: steps }, (_, i) => i + 1),
          { maxLength: Math.min(2, steps) },
        ),
        fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
      ),
      { maxLength: 25 },
    )
    .map((list) => list.sort((a, b) => a[0] - b[0]) as E[]);

describe('funnel walker agrees with the plain reference', () => {
  for (const mode of FUNNEL_MODES) {
    it(`mode ${mode}`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 5 }).chain((steps) =>
            fc.record({
              steps: fc.constant(steps),
              list: events(steps),
              window: fc.integer({ min: 0, max: 120 }),
              from: fc.integer({ min: 0, max: 100 }),
            }),
          ),
          ({ steps, list, window, from }) => {
            const o = {
              steps,
              mode,
              windowMs: window * 60_000,
              from: from * 60_000,
              to: (from + 60) * 60_000,
            };
            const ref = referenceLevel(
              list.map((e) => ({
                ts: e[0] * 60_000,
                mask: (e[1] as number[]).reduce((m, s) => m | (1 << (s - 1)), e[2] ? 1 << 30 : 0),
              })),
              o,
            );
            expect(walk(list, o).level).toBe(ref);
          },
        ),
        { numRuns: 3000 },
      );
    });
  }
});
