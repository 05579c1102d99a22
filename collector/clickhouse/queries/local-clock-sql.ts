import type { ClockZone } from '../../response/local-clock';
import { zoneOffsets } from '../../response/zone-offsets';
import { type Sql, sql } from '../sql';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The local hour (0–23) and weekday (0–6, Monday first) of a ms time column on a report's clock,
 * as response/local-clock.ts reads them: the zone's offsets over [from, to) are worked out in Node
 * (zone-offsets.ts, from the runtime's time zone data, which 18.16's bundled data predates by
 * years) and applied here as plain arithmetic, so the grouping stays in SQL.
 */
export function localClockSql(
  ts: Sql,
  zone: ClockZone,
  from: number,
  to: number,
): { hour: Sql; weekday: Sql } {
  const spans = zoneOffsets(zone, from, to);
  let offset: Sql = sql`${spans[spans.length - 1]!.offsetMs}`;
  for (let i = spans.length - 2; i >= 0; i--)
    offset = sql`if(${ts} < ${spans[i + 1]!.at}, ${spans[i]!.offsetMs}, ${offset})`;
  const local = sql`(${ts} + ${offset})`;
  // Floored division, so a time before the epoch still falls on its own day.
  const day = sql`intDiv(${local} - ((${local} % ${DAY}) + ${DAY}) % ${DAY}, ${DAY})`;
  return {
    hour: sql`intDiv(((${local} % ${DAY}) + ${DAY}) % ${DAY}, ${HOUR})`,
    // 1970-01-01 was a Thursday: weekday 3 counting from Monday.
    weekday: sql`(((${day} % 7) + 7 + 3) % 7)`,
  };
}
