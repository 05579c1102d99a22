import type { CheckTally } from '../../../scorecard/scorecard-tallies';
import { sql } from '../../sql';
import { callbackPairsSql } from '../callback-pairs';
import { type ChContext, queryRows } from '../ch-context';
import { num } from '../web-events';
import type { ScorecardRange } from './scorecard-events';

/** The scorecard's late-callback check of a request name: its requests, the never returned and the late. */
export async function countLateCallbacks(
  ctx: ChContext,
  q: ScorecardRange,
  requestName: string,
  standardMs: number,
): Promise<CheckTally> {
  const rows = await queryRows<{ checked: string; never: string; late: string }>(
    ctx,
    sql`SELECT count() AS checked, countIf(answered = 0) AS never,
        countIf(answered = 1 AND answeredAt - ts > ${standardMs}) AS late
      FROM ${callbackPairsSql(ctx, q.siteId, { from: q.from, to: q.to, requestName })}`,
  );
  const never = num(rows[0]?.never);
  return { checked: num(rows[0]?.checked), failed: never + num(rows[0]?.late), never };
}
