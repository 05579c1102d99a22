import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile, quantiles } from '../../../collector/funnels/quantile';

/** Plain definition: sort, then interpolate between the closest ranks. */
function sorted(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

describe('quantiles', () => {
  it('interpolates between closest ranks and is null when empty', () => {
    expect(quantiles([4, 1, 3, 2], [0.5, 0.75])).toEqual([2.5, 3.25]);
    expect(quantile([7], 0.75)).toBe(7);
    expect(quantiles([], [0.5])).toEqual([null]);
  });

  it('matches sorting on random values, duplicates included, and leaves the input alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const before = [...values];
          const [a, b] = quantiles(values, [q, 0.5]);
          expect(a).toBeCloseTo(sorted(values, q), 9);
          expect(b).toBeCloseTo(sorted(values, 0.5), 9);
          expect(values).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});
