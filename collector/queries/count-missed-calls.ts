import type { Db } from '../db/open-database';
import type { CheckTally } from '../scorecard/scorecard-tallies';

/** How long before and after a click its call may be logged (the CSV import matches calls the same way). */
const BEFORE_MS = 5 * 60_000;
const AFTER_MS = 30 * 60_000;

/**
 * Calls that followed a click on the phone number in [from, to): each web call_click with the
 * visitor's call_answered or call_missed nearest in time, from 5 minutes before to 30 after;
 * `failed` counts the missed. Clicks with no call logged are not checked: many never dial.
 */
export function countMissedCalls(db: Db, siteId: number, q: { from: number; to: number }): CheckTally {
  const ids = db
    .prepare(`SELECT name, id FROM names WHERE name IN ('call_click', 'call_answered', 'call_missed')`)
    .raw(true)
    .all() as [string, number][];
  const id = new Map(ids);
  const click = id.get('call_click');
  const answered = id.get('call_answered') ?? -1;
  const missed = id.get('call_missed') ?? -1;
  if (click === undefined || (answered < 0 && missed < 0)) return { checked: 0, failed: 0 };
  const clicks = db
    .prepare(`SELECT visitor_id, ts FROM events
    WHERE site_id = ? AND ts >= ? AND ts < ? AND name_id = ? AND session_id IS NOT NULL`)
    .raw(true)
    .all(siteId, q.from, q.to, click) as [number, number][];
  const nearest = db
    .prepare(`SELECT name_id FROM events
    WHERE site_id = ? AND visitor_id = ? AND ts >= ? AND ts <= ? AND name_id IN (?, ?)
    ORDER BY abs(ts - ?), ts LIMIT 1`)
    .pluck(true);
  let checked = 0;
  let failed = 0;
  for (const [visitor, ts] of clicks) {
    const call = nearest.get(siteId, visitor, ts - BEFORE_MS, ts + AFTER_MS, answered, missed, ts) as
      | number
      | undefined;
    if (call === undefined) continue;
    checked++;
    if (call === missed) failed++;
  }
  return { checked, failed };
}
