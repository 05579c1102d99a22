import type { TouchpointRating } from '../reports/types';
/** Below this many visitors who touched it, a touchpoint is rated `ok`: too few to judge. */
export const MIN_RATED_VISITORS = 30;
/** Lift (conversion of touched ÷ not touched) at or above which a clean touchpoint is `wow`. */
export const WOW_LIFT = 1.5;
/** Lift below which a touchpoint is `annoying`: people who meet it convert clearly less. */
export const ANNOYING_LIFT = 0.8;
/** Share of its visitors with a negative signal in the same session that makes it `annoying`. */
export const ANNOYING_NEGATIVE_SHARE = 0.25;
/** A `wow` touchpoint must stay under this negative share. */
export const WOW_MAX_NEGATIVE_SHARE = 0.1;

/**
 * The scorecard's verdict. `annoying` when touched visitors convert clearly less (lift < 0.8) or
 * a quarter of them hit a negative signal (form_abandon, not_found, a poor web vital, a review
 * rated 1–2) in the same session; `wow` when they convert at least 1.5× as often and under 10 %
 * hit a negative signal; otherwise, or with fewer than 30 touched visitors, `ok`.
 */
export function rateTouchpoint(
  lift: number | null,
  negativeShare: number,
  touchedVisitors: number,
): TouchpointRating {
  if (touchedVisitors < MIN_RATED_VISITORS) return 'ok';
  if (negativeShare >= ANNOYING_NEGATIVE_SHARE || (lift !== null && lift < ANNOYING_LIFT)) return 'annoying';
  if (lift !== null && lift >= WOW_LIFT && negativeShare < WOW_MAX_NEGATIVE_SHARE) return 'wow';
  return 'ok';
}
