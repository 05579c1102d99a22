import { EXCLUDE_BIT } from '../../collector/funnels/step-bits';
import type { WalkOptions } from '../../collector/funnels/walk-options';

export interface RefEvent {
  ts: number;
  /** Step bits and EXCLUDE_BIT, as the engine sees them. */
  mask: number;
}

/**
 * The funnel semantics written as plainly as possible, to check the engine against (property
 * test): try every step-1 event in the range as an attempt, follow it forward greedily, keep the
 * best. Quadratic, allocation-happy, obviously right; never used for real queries.
 */
export function referenceLevel(events: readonly RefEvent[], o: WalkOptions): number {
  const matches = (e: RefEvent, step: number) => (e.mask & (1 << (step - 1))) !== 0;
  const isFunnelEvent = (e: RefEvent) => (e.mask & ((1 << o.steps) - 1)) !== 0;
  let best = 0;
  events.forEach((first, i) => {
    if (!matches(first, 1) || first.ts < o.from || first.ts >= o.to) return;
    const done = new Set<number>([1]);
    let level = 1;
    for (let j = i + 1; j < events.length && level < o.steps; j++) {
      const e = events[j]!;
      if (e.ts - first.ts > o.windowMs) {
        // Out-of-order-in-array times cannot happen (sorted input), so the window is over.
        break;
      }
      if (e.mask & EXCLUDE_BIT) break;
      if (o.mode === 'any') {
        for (let step = 2; step <= o.steps; step++) {
          if (!done.has(step) && matches(e, step)) {
            done.add(step);
            break;
          }
        }
        while (done.has(level + 1)) level++;
      } else if (matches(e, level + 1)) {
        level++;
      } else if (o.mode === 'strict' && isFunnelEvent(e)) {
        break;
      }
    }
    best = Math.max(best, level);
  });
  return best;
}
