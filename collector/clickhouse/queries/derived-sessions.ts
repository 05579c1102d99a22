import { SESSION_GAP_MS } from '../../store/session-resolver';
import { type Sql, sql } from '../sql';
import { type ChContext, table } from './ch-context';

/**
 * The site's sessions that started in [from, to), derived from events (ClickHouse has no sessions
 * table): one row per session with `start` (its first event's time, which is what the SQLite
 * writer keeps as start_ts), its visitor `sv`, its attributes (copied onto every event row, the
 * same on each) and `extra`, an aggregate of the caller's over the session's events from `from` on.
 *
 * Only events from `from - SESSION_GAP_MS` are read, and that is exact: the writer joins an event
 * to a session only within the gap of its span, so a session's events, in time order, are never
 * further apart than the gap; a session with an event before `from` has one in the gap before it.
 * `to` bounds the start only: a session that started in range may go on after `to`.
 */
export function derivedSessions(
  ctx: ChContext,
  siteId: number,
  from: number,
  to: number,
  extra: Sql = sql`0`,
): Sql {
  return sql`(SELECT session, any(visitor) AS sv, min(ts) AS start, any(channel) AS channel,
      any(device) AS device, any(browser) AS browser, any(os) AS os, any(country) AS country, any(landing_path) AS landing_path, any(referrer_host) AS referrer_host,
      any(utm_source) AS utm_source, any(utm_medium) AS utm_medium, any(utm_campaign) AS utm_campaign,
      ${extra} AS extra
    FROM ${table(ctx, 'events')}
    WHERE site_id = ${siteId} AND session != 0 AND ts >= ${from - SESSION_GAP_MS}
      AND time >= toDateTime(${Math.max(0, Math.floor((from - SESSION_GAP_MS) / 1000))})
    GROUP BY session HAVING start >= ${from} AND start < ${to})`;
}
