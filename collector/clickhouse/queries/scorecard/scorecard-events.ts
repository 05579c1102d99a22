import { goalCondition } from '../../../goals/goal-condition';
import { CONTACT_NAMES, type GoalDefinition } from '../../../model';
import { type Sql, sql } from '../../sql';
import type { ChContext } from '../ch-context';
import { compositeConversions } from '../composite-conversions';
import { conditionSql } from '../condition-sql';
import { resolvedEvents, tsRange } from '../site-events';

export interface ScorecardRange {
  siteId: number;
  from: number;
  to: number;
}

/** The site's events in [from, to), every origin, with `v`, the visitor the SQLite engine names. */
export const scorecardEvents = (ctx: ChContext, q: ScorecardRange): Sql =>
  resolvedEvents(
    ctx,
    q.siteId,
    sql`ts, seq, name, session, path, props, value, utm_source, utm_campaign, referrer_host`,
    sql`${tsRange(q.from, q.to)}`,
  );

/** A prop as SQLite's json_extract gives it, as text: a string's value, a number's JSON text, else NULL. */
export function propText(key: string): Sql {
  const raw = sql`visitParamExtractRaw(ifNull(props, ''), ${key})`;
  return sql`multiIf(${raw} = '' OR ${raw} = 'null', NULL,
    substring(${raw}, 1, 1) = '"', visitParamExtractString(ifNull(props, ''), ${key}),
    ${raw} = 'true', '1', ${raw} = 'false', '0', ${raw})`;
}

/**
 * Every visitor with an event in the range: `v`, `web` (1 when one of them came from the site) and
 * `conv`, when they first converted in the range (0: not). Converting is an event that meets the
 * goal's condition (any contact without a goal), or a composite conversion starting in the range.
 */
export function scorecardVisitors(ctx: ChContext, q: ScorecardRange, goal: GoalDefinition | null): Sql {
  const single = goal ? goalCondition(goal) : { names: [...CONTACT_NAMES] };
  const events = scorecardEvents(ctx, q);
  if (single)
    return sql`(SELECT v, toUInt8(countIf(session != 0) > 0) AS web, minIf(ts, ${conditionSql(single)}) AS conv
      FROM ${events} GROUP BY v)`;
  const composite = compositeConversions(
    ctx,
    q.siteId,
    goal as Extract<GoalDefinition, { kind: 'composite' }>,
    q,
  );
  return sql`(SELECT v, web, conv FROM
      (SELECT v, toUInt8(countIf(session != 0) > 0) AS web FROM ${events} GROUP BY v)
      ANY LEFT JOIN (SELECT uv AS v, min(ts) AS conv FROM ${composite} GROUP BY uv) USING v)`;
}
