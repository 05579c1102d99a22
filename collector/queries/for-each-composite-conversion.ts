import { walkFunnelUnits } from '../blocks';
import type { Db } from '../db/open-database';
import type { GoalDefinition } from '../model';

type CompositeGoal = Extract<GoalDefinition, { kind: 'composite' }>;

export interface CompositeConversion {
  visitor: number;
  session: number;
  /** The step-1 event of the first attempt that completed the steps: its id and time. */
  event: number;
  ts: number;
}

/** Default window of a composite goal: one day from its first step. */
export const COMPOSITE_WINDOW_MINUTES = 1440;

/**
 * Calls `fn` once per session that completes a composite goal's steps in order within its window,
 * the attempt starting in [from, to) (its later steps may fall after `to`). A conversion is dated
 * by its step-1 event: that event is always inside the range, so an export of the range holds it.
 */
export function forEachCompositeConversion(
  db: Db,
  siteId: number,
  def: CompositeGoal,
  q: { from: number; to: number },
  fn: (c: CompositeConversion) => void,
): void {
  const run = {
    siteId,
    steps: def.steps,
    mode: 'ordered' as const,
    windowMs: (def.windowMinutes ?? COMPOSITE_WINDOW_MINUTES) * 60_000,
    from: q.from,
    to: q.to,
    countBy: 'session' as const,
    withEventIds: true,
  };
  walkFunnelUnits(db, run, (u) => {
    const r = u.result;
    if (r.level < def.steps.length) return;
    fn({
      visitor: u.visitor,
      session: u.session,
      event: u.block.eid![r.bestStart]!,
      ts: u.block.ts[r.bestStart]!,
    });
  });
}
