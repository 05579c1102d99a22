import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../collector/scorecard/wilson-interval';

describe('wilsonInterval', () => {
  it('matches the textbook values', () => {
    const [lo, hi] = wilsonInterval(5, 10);
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    const [lo2, hi2] = wilsonInterval(34, 100);
    expect(lo2).toBeCloseTo(0.2546, 4);
    expect(hi2).toBeCloseTo(0.4372, 4);
  });

  it('stays inside [0, 1] with exact ends for none and all', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('narrows as the sample grows', () => {
    const width = (n: number) => {
      const [lo, hi] = wilsonInterval(n / 5, n);
      return hi - lo;
    };
    expect(width(1000)).toBeLessThan(width(100));
    expect(width(100)).toBeLessThan(width(10));
  });
});
