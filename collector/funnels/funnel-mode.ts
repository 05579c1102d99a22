/**
 * - `ordered`: steps in order; other events (funnel or not) may come between.
 * - `strict`: steps in order with no other funnel event between two consecutive steps.
 * - `any`: step 1 first, then steps 2..n in any order.
 */
export type FunnelMode = 'ordered' | 'strict' | 'any';

export const FUNNEL_MODES: readonly FunnelMode[] = ['ordered', 'strict', 'any'];
