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
  if (!clicks.length) return { checked: 0, failed: 0 };
  // Every logged call near the range at once, per visitor in index order (time, then name id).
  const calls = new Map<number, [ts: number, nameId: number][]>();
  for (const [visitor, ts, nameId] of db
    .prepare(`SELECT visitor_id, ts, name_id FROM events
    WHERE site_id = ? AND ts >= ? AND ts <= ? AND name_id IN (?, ?)`)
    .raw(true)
    .iterate(siteId, q.from - BEFORE_MS, q.to + AFTER_MS, answered, missed) as IterableIterator<
    [number, number, number]
  >)
    calls.get(visitor)?.push([ts, nameId]) ?? calls.set(visitor, [[ts, nameId]]);
  for (const list of calls.values()) list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let checked = 0;
  let failed = 0;
  for (const [visitor, ts] of clicks) {
    const call = nearest(calls.get(visitor), ts);
    if (call === undefined) continue;
    checked++;
    if (call === missed) failed++;
  }
  return { checked, failed };
}

/** The name id of the call nearest in time to a click at `ts` (the earlier on a tie), within the window. */
function nearest(list: readonly [number, number][] | undefined, ts: number): number | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![0] >= ts - BEFORE_MS) hi = mid;
    else lo = mid + 1;
  }
  let best: [number, number] | undefined;
  for (let i = lo; i < list.length && list[i]![0] <= ts + AFTER_MS; i++) {
    const c = list[i]!;
    if (!best || Math.abs(c[0] - ts) < Math.abs(best[0] - ts)) best = c;
  }
  return best?.[1];
}
