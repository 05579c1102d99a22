import type { CheckTally } from '../../../scorecard/scorecard-tallies';
import { sql } from '../../sql';
import { type ChContext, queryRows, table } from '../ch-context';
import { tsRange } from '../site-events';
import { num } from '../web-events';
import type { ScorecardRange } from './scorecard-events';

/** LOW_RATING of queries/count-review-ratings.ts. */
const LOW_RATING = 2;
/** Its NUMERIC pattern: the JSON number grammar, which a string rating must match whole. */
const NUMERIC = '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$';

/** queries/count-review-ratings.ts in ClickHouse: web reviews with a numeric rating, the low ones, the average. */
export async function countReviewRatings(ctx: ChContext, q: ScorecardRange): Promise<CheckTally> {
  const raw = sql`visitParamExtractRaw(ifNull(props, ''), 'rating')`;
  const str = sql`visitParamExtractString(ifNull(props, ''), 'rating')`;
  // The rating as a number: a JSON number, or a string holding one; NULL otherwise.
  const rating = sql`multiIf(substring(${raw}, 1, 1) = '"', if(match(${str}, ${NUMERIC}), toFloat64OrNull(${str}), NULL),
    match(${raw}, ${NUMERIC}), toFloat64OrNull(${raw}), NULL)`;
  const rows = await queryRows<{ checked: string; failed: string; total: number }>(
    ctx,
    sql`SELECT count() AS checked, countIf(r <= ${LOW_RATING}) AS failed, sum(r) AS total FROM
      (SELECT assumeNotNull(${rating}) AS r FROM ${table(ctx, 'events')}
        WHERE site_id = ${q.siteId} AND ${tsRange(q.from, q.to)} AND name = 'review_submit' AND session != 0
          AND ${rating} IS NOT NULL)`,
  );
  const checked = num(rows[0]?.checked);
  return {
    checked,
    failed: num(rows[0]?.failed),
    average: checked ? Number(rows[0]?.total) / checked : null,
  };
}
