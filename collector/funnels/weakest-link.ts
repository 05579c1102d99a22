import type { WeakestLink } from '../reports/types';
/**
 * The weakest link: the step with the largest relative drop from the previous step (first one
 * on ties). Steps whose previous step nobody entered are skipped; null when no step qualifies.
 */
export function weakestLink(entered: readonly number[]): WeakestLink | null {
  let best: WeakestLink | null = null;
  for (let k = 1; k < entered.length; k++) {
    const prev = entered[k - 1]!;
    if (prev === 0) continue;
    const rate = 1 - entered[k]! / prev;
    if (!best || rate > best.dropOffRate) best = { step: k + 1, dropOffRate: rate };
  }
  return best;
}
