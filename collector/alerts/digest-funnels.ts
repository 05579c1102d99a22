import type { Db } from '../db/open-database';
import type { SavedFunnelDefinition } from '../funnels/saved-funnel-definition';
import { goalCondition } from '../goals/goal-condition';
import { getGoal } from '../goals/goal-store';
import type { FunnelStepCondition } from '../model';
import type { Reports } from '../reports/reports';
import type { FunnelQuery } from '../reports/types';
import { listSavedFunnels } from '../store/saved-funnels';
import type { DigestFunnel } from './alert-types';

/** Saved funnels a digest reports on: the first ones by name, a digest is read on a phone. */
export const DIGEST_MAX_FUNNELS = 10;

/**
 * The funnel route's query for a saved definition over `range` (goal steps become the goal's
 * condition, labelled with its name, as the route does); null when a goal step's goal is gone or
 * composite, which the route would refuse too.
 */
export function savedFunnelQuery(
  db: Db,
  siteId: number,
  def: SavedFunnelDefinition,
  range: { from: number; to: number },
): FunnelQuery | null {
  const steps: (FunnelStepCondition & { label?: string })[] = [];
  for (const step of def.steps) {
    if (!('goal' in step)) {
      steps.push(step);
      continue;
    }
    const goal = getGoal(db, siteId, step.goal);
    const cond = goal && goalCondition(goal.definition);
    if (!goal || !cond) return null;
    steps.push({ ...cond, label: step.label ?? goal.name });
  }
  return {
    siteId,
    steps,
    exclusions: def.exclusions,
    mode: def.mode,
    windowMs: def.windowMinutes * 60_000,
    countBy: def.countBy,
    from: range.from,
    to: range.to,
    trend: false,
  };
}

/** Each saved funnel's conversion and weakest link over the period (the funnel report's own). */
export async function digestFunnels(
  db: Db,
  reports: Reports,
  siteId: number,
  range: { from: number; to: number },
): Promise<DigestFunnel[]> {
  const out: DigestFunnel[] = [];
  for (const saved of listSavedFunnels<SavedFunnelDefinition>(db, siteId).slice(0, DIGEST_MAX_FUNNELS)) {
    const q = savedFunnelQuery(db, siteId, saved.definition, range);
    if (!q) continue;
    const f = await reports.funnel(q);
    const w = f.weakest;
    out.push({
      id: saved.id,
      name: saved.name,
      entered: f.steps[0]?.entered ?? 0,
      conversion: f.conversion,
      weakest: w && {
        step: w.step,
        label: f.steps[w.step - 1]?.label ?? String(w.step),
        dropOff: w.dropOff,
        dropOffRate: w.dropOffRate,
        lostConversions: w.lostConversions,
      },
    });
  }
  return out;
}
