import { BOUNCE_ENGAGED_SECONDS } from '../../visits/bounce';
import { type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { derivedSessions } from './derived-sessions';
import { engagedSecondsSql } from './engagement-sql';
import { TECHNICAL } from './web-events';

/**
 * The sessions that started in [from, to) (derivedSessions' rows and attributes) with what
 * visits/walk-sessions.ts sums over each, from all its events: `pageviews`, `touchpoints` (not
 * pageviews, not technical), `seconds` (engaged, from `engagement` events), `bounce` (isBounce of
 * visits/bounce.ts), and `entry` / `exit`, the path of its first and last pageview in the SQLite
 * engine's event order (time, then row id; NULL when that pageview has no path or there is none).
 * A path is wrapped in a tuple for argMin/argMax, which would otherwise skip NULL paths.
 */
export function sessionVisits(ctx: ChContext, siteId: number, from: number, to: number): Sql {
  const pageview = sql`name = 'pageview'`;
  const sums = sql`tuple(countIf(${pageview}), countIf(NOT ${pageview} AND NOT has(${TECHNICAL}, name)),
    sumIf(${engagedSecondsSql}, name = 'engagement'),
    argMinIf(tuple(path), (ts, seq), ${pageview}), argMaxIf(tuple(path), (ts, seq), ${pageview}))`;
  return sql`(SELECT *, tupleElement(extra, 1) AS pageviews, tupleElement(extra, 2) AS touchpoints,
      tupleElement(extra, 3) AS seconds,
      if(pageviews > 0, tupleElement(tupleElement(extra, 4), 1), NULL) AS entry,
      if(pageviews > 0, tupleElement(tupleElement(extra, 5), 1), NULL) AS exit,
      pageviews <= 1 AND seconds < ${BOUNCE_ENGAGED_SECONDS} AND touchpoints = 0 AS bounce
    FROM ${derivedSessions(ctx, siteId, from, to, sums)})`;
}
