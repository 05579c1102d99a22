import { seededRandom } from '../funnel-random';

/** Draws from the clinic's seeded stream: one per generated site, so a seed always gives the same site. */
export interface ClinicRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** One of the entries, by weight. */
  pick<T>(entries: readonly (readonly [T, number])[]): T;
  /** Log-normal around `median` (half the draws below it); `spread` is the sigma of the log. */
  logNormal(median: number, spread: number): number;
}

export function clinicRandom(seed: number): ClinicRandom {
  const next = seededRandom(seed);
  return {
    next,
    chance: (p) => next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick(entries) {
      let total = 0;
      for (const [, w] of entries) total += w;
      let r = next() * total;
      for (const [v, w] of entries) {
        r -= w;
        if (r < 0) return v;
      }
      return entries[entries.length - 1]![0];
    },
    logNormal(median, spread) {
      // Box–Muller; 1 - next() keeps the logarithm finite.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(spread * z);
    },
  };
}
