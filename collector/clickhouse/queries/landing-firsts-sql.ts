import { type Sql, sql } from '../sql';
import { type ChContext, table } from './ch-context';
import { nameIn } from './condition-sql';
import { tsRange } from './site-events';

/** A session can start this long before a range and still have its first pageview inside it (as blocks/compile-conditions.ts). */
const LANDING_LEAD_MS = 86_400_000;

/**
 * `(session, ts, seq)` of the first pageview of every web session of the site with pageviews in
 * [from - a day, to): the events a "landed on page X" step may match, in the SQLite engine's order
 * (time, then spool row id). Sessions are not a table here, so the first is found among the
 * session's own pageview rows.
 */
export function landingFirstsSql(ctx: ChContext, siteId: number, from: number, to: number): Sql {
  return sql`(SELECT session, tupleElement(f, 1), tupleElement(f, 2) FROM
    (SELECT session, min((ts, seq)) AS f FROM ${table(ctx, 'events')}
      WHERE site_id = ${siteId} AND standin = 0 AND session != 0 AND ${nameIn(['pageview'])}
        AND ${tsRange(from - LANDING_LEAD_MS, to)}
      GROUP BY session))`;
}
