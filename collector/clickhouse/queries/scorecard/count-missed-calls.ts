import type { CheckTally } from '../../../scorecard/scorecard-tallies';
import { sql } from '../../sql';
import { type ChContext, queryRows } from '../ch-context';
import { resolvedEvents, tsRange } from '../site-events';
import { num } from '../web-events';
import type { ScorecardRange } from './scorecard-events';

const BEFORE_MS = 5 * 60_000;
const AFTER_MS = 30 * 60_000;

/**
 * queries/count-missed-calls.ts in ClickHouse: each web call_click of the range with the visitor's
 * call_answered or call_missed nearest in time (5 minutes before to 30 after; the earlier on a
 * tie), joined on the visitor; `failed` counts the missed. Clicks with no call are not checked.
 */
export async function countMissedCalls(ctx: ChContext, q: ScorecardRange): Promise<CheckTally> {
  const clicks = resolvedEvents(
    ctx,
    q.siteId,
    sql`ts, seq`,
    sql`${tsRange(q.from, q.to)} AND name = 'call_click' AND session != 0`,
  );
  const calls = resolvedEvents(
    ctx,
    q.siteId,
    sql`ts, seq, name`,
    sql`${tsRange(q.from - BEFORE_MS, q.to + AFTER_MS)} AND (name = 'call_answered' OR name = 'call_missed')`,
  );
  const near = sql`cts >= kts - ${BEFORE_MS} AND cts <= kts + ${AFTER_MS}`;
  const rows = await queryRows<{ checked: string; failed: string }>(
    ctx,
    sql`SELECT count() AS checked, countIf(call = 'call_missed') AS failed FROM
      (SELECT kseq, argMinIf(cname, (abs(cts - kts), cts, cseq), ${near}) AS call, countIf(${near}) AS n
        FROM (SELECT v, ts AS kts, seq AS kseq FROM ${clicks})
        ALL INNER JOIN (SELECT v, ts AS cts, seq AS cseq, name AS cname FROM ${calls}) USING v
        GROUP BY kseq)
      WHERE n > 0`,
  );
  return { checked: num(rows[0]?.checked), failed: num(rows[0]?.failed) };
}
