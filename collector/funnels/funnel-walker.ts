import { EXCLUDE_BIT, stepBits } from './step-bits';
import type { WalkOptions } from './walk-options';

/** What one counting unit (a visitor or a session) did in the funnel. */
export interface UnitResult {
  /** Steps reached, 0 = never entered (no step-1 event in the range). */
  level: number;
  /**
   * gaps[k] = ms from step k+1 to step k+2 (0-based k) on the unit's first reach of step k+2;
   * meaningful for k < level - 1.
   */
  gaps: Float64Array;
  /** Index (into the caller's arrays) of the step-1 event of the chain that first reached `level`. */
  bestStart: number;
  /** Start times of every chain that reached the last step (a chain may repeat: callers dedupe). */
  completions: number[];
}

interface Attempt {
  start: number;
  done: number;
  level: number;
  reach: Float64Array;
}

/**
 * The funnel engine: ClickHouse `windowFunnel`-like, one pass over a unit's events in time order.
 *
 * Semantics (docs/api.md#funnel repeats them):
 * - A step-1 event with `from <= ts < to` starts an attempt (a new one each time: repeats restart).
 * - Step k+1 counts for an attempt that has reached step k when its event comes later in the
 *   unit's time order and `ts - ts(step 1) <= windowMs`. One event advances an attempt by at most
 *   one step, so identical consecutive steps need distinct events.
 * - `ordered`: other events may come between steps. `strict`: any other funnel event (one that
 *   matches some step) between two steps breaks the attempt; a step-1 event still starts a new one.
 *   `any`: after step 1, steps 2..n in any order; an event fills the lowest-numbered open step it
 *   matches; step k is reached when steps 1..k are all done.
 * - An exclusion event ends every attempt still in progress: the steps it reached stay counted,
 *   no later step is. It is applied before the same event's step matches (so it may start a new
 *   attempt).
 * - The unit's level is the best over its attempts. Times between steps are taken on the first
 *   reach of each step, from the latest earlier step event of the chain that reached it.
 *
 * Ordered and strict keep one chain per level (the latest-started: with a later start it has at
 * least as much window left, so it dominates), which makes a walk O(events × steps).
 *
 * @example
 * const walk = createFunnelWalker({ steps: 3, mode: 'ordered', windowMs: 3_600_000, from, to });
 * const r = walk(ts, mask, order, order.length); // r.level: 0..3
 */
export function createFunnelWalker(o: WalkOptions) {
  const n = o.steps;
  const full = stepBits(n);
  const W = o.windowMs;
  const strict = o.mode === 'strict';
  // A local copy: tsx may compile imports to getters, too slow to call once per event.
  const EXCLUDE = EXCLUDE_BIT;
  const start = new Int32Array(n);
  const at = new Float64Array(n);
  const res: UnitResult = {
    level: 0,
    gaps: new Float64Array(Math.max(n - 1, 1)),
    bestStart: -1,
    completions: [],
  };
  let attempts: Attempt[] = [];

  const reset = () => {
    start.fill(-1);
    res.level = 0;
    res.bestStart = -1;
    if (res.completions.length) res.completions.length = 0;
    if (attempts.length) attempts = [];
  };

  const feedOrdered = (i: number, m: number, t: number, ts: ArrayLike<number>) => {
    if (m & EXCLUDE) for (let k = 0; k < n - 1; k++) start[k] = -1;
    m &= full;
    if (m === 0) return;
    // Downwards, so an event moves each chain one level and reads the pre-event state below it.
    // Ordered mode visits only the levels the event matches (most events match step 1 alone);
    // strict mode must also break every level the event does not advance.
    for (let bits = strict ? full & ~1 : m & ~1; bits !== 0; ) {
      const k = 31 - Math.clz32(bits);
      bits ^= 1 << k;
      const s = start[k - 1]!;
      if ((m >> k) & 1 && s >= 0 && t - ts[s]! <= W) {
        if (k + 1 > res.level) {
          res.level = k + 1;
          res.gaps[k - 1] = t - at[k - 1]!;
          res.bestStart = s;
        }
        start[k] = s;
        at[k] = t;
        if (k === n - 1) res.completions.push(ts[s]!);
      } else if (strict) {
        start[k] = -1;
      }
    }
    if (m & 1 && t >= o.from && t < o.to) {
      start[0] = i;
      at[0] = t;
      if (res.level === 0) {
        res.level = 1;
        res.bestStart = i;
      }
      if (n === 1) res.completions.push(t);
    } else if (strict) {
      start[0] = -1;
    }
  };

  const feedAny = (i: number, m: number, t: number, ts: ArrayLike<number>) => {
    if (m & EXCLUDE) attempts = [];
    m &= full;
    if (m === 0) return;
    const rest = m & ~1;
    if (rest !== 0 && attempts.length > 0) {
      const live: Attempt[] = [];
      for (const a of attempts) {
        if (t - ts[a.start]! > W) continue; // can never progress again
        const open = rest & ~a.done;
        if (open !== 0) {
          a.done |= open & -open;
          let level = a.level;
          while (level < n && (a.done >> level) & 1) level++;
          for (let L = a.level + 1; L <= level; L++) {
            a.reach[L - 1] = t;
            if (L > res.level) {
              res.level = L;
              res.gaps[L - 2] = t - a.reach[L - 2]!;
              res.bestStart = a.start;
            }
          }
          if (level === n && a.level < n) res.completions.push(ts[a.start]!);
          a.level = level;
        }
        if (a.level < n) live.push(a);
      }
      attempts = live;
    }
    if (m & 1 && t >= o.from && t < o.to) {
      if (res.level === 0) {
        res.level = 1;
        res.bestStart = i;
      }
      if (n === 1) {
        res.completions.push(t);
        return;
      }
      // A fresh attempt dominates older ones that only did step 1: same progress, later start.
      attempts = attempts.filter((a) => a.done !== 1);
      const reach = new Float64Array(n);
      reach[0] = t;
      attempts.push({ start: i, done: 1, level: 1, reach });
    }
  };

  const feed = o.mode === 'any' ? feedAny : feedOrdered;

  /** Walks one unit: `order[0..count)` are indices into ts/mask, in time order. */
  return (
    ts: ArrayLike<number>,
    mask: ArrayLike<number>,
    order: ArrayLike<number>,
    count: number,
  ): UnitResult => {
    reset();
    for (let p = 0; p < count; p++) {
      const i = order[p]!;
      feed(i, mask[i]!, ts[i]!, ts);
    }
    return res;
  };
}

export type FunnelWalker = ReturnType<typeof createFunnelWalker>;
