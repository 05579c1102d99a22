import type { GoalDefinition } from '../../model';
import { COMPOSITE_WINDOW_MINUTES } from '../../queries/for-each-composite-conversion';
import { type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { funnelUnitsSql } from './funnel-units-sql';

type CompositeGoal = Extract<GoalDefinition, { kind: 'composite' }>;

/**
 * queries/for-each-composite-conversion.ts in ClickHouse: one row per session that completed the
 * composite goal's steps in order within its window, the attempt starting in [from, to): `uv`
 * (the visitor) and `ts` (the attempt's step-1 event, which dates the conversion).
 */
export function compositeConversions(
  ctx: ChContext,
  siteId: number,
  def: CompositeGoal,
  q: { from: number; to: number },
): Sql {
  const units = funnelUnitsSql(ctx, {
    siteId,
    steps: def.steps,
    mode: 'ordered',
    windowMs: (def.windowMinutes ?? COMPOSITE_WINDOW_MINUTES) * 60_000,
    from: q.from,
    to: q.to,
    countBy: 'session',
  });
  return sql`(SELECT uv, bestTs AS ts FROM (${units}) WHERE level >= ${def.steps.length})`;
}
