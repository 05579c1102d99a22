import type { PageCauses } from '../../../queries/find-page-causes';
import { type Sql, sql } from '../../sql';
import { type ChContext, queryRows } from '../ch-context';
import { propText, type ScorecardRange, scorecardEvents } from './scorecard-events';

/**
 * queries/find-page-causes.ts in ClickHouse: per path, the most common cause of its "not found"
 * visits (where they came from) and of its frustrated clicks (the element); ties to the smallest.
 */
export async function findPageCauses(ctx: ChContext, q: ScorecardRange): Promise<PageCauses> {
  const top = async (names: string[], cause: Sql) => {
    const rows = await queryRows<{ p: string; cause: string }>(
      ctx,
      sql`SELECT p, tupleElement(arraySort(x -> (-toInt64(tupleElement(x, 2)), tupleElement(x, 1)), groupArray((c, n)))[1], 1) AS cause
      FROM (SELECT assumeNotNull(path) AS p, assumeNotNull(${cause}) AS c, count() AS n FROM ${scorecardEvents(ctx, q)}
        WHERE session != 0 AND path IS NOT NULL AND has(${names}, name) AND ${cause} IS NOT NULL
        GROUP BY p, c)
      GROUP BY p`,
    );
    return new Map(rows.map((r) => [r.p, r.cause]));
  };
  const [notFoundSource, frustratingElement] = await Promise.all([
    top(
      ['not_found'],
      sql`if(utm_source IS NOT NULL, concat(assumeNotNull(utm_source), if(utm_campaign IS NULL, '', concat(' / ', assumeNotNull(utm_campaign)))),
        ifNull(referrer_host, '(direct)'))`,
    ),
    top(['rage_click', 'dead_click'], propText('element')),
  ]);
  return { notFoundSource, frustratingElement };
}
