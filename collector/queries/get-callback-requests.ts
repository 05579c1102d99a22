import type { Db } from '../db/open-database';
import type { CallbackRequestList, CallbackRequestQuery } from '../reports/types';
import { clockLabel, clockZone } from '../response/local-clock';
import { callbackRequestRows } from '../response/response-summary';
import { callbackPairs } from './callback-pairs';

/** The callback requests of a range with how long each waited: by default the late and unanswered ones. */
export function getCallbackRequests(db: Db, siteId: number, q: CallbackRequestQuery): CallbackRequestList {
  const standardMs = q.standardMs ?? 15 * 60_000;
  const status = q.status ?? 'missed';
  const zone = clockZone(q);
  const rows = callbackRequestRows(callbackPairs(db, siteId, q), standardMs, zone).filter((r) =>
    status === 'all' ? true : status === 'missed' ? r.status !== 'on-time' : r.status === status,
  );
  return {
    from: q.from,
    to: q.to,
    standardMs,
    clock: clockLabel(zone),
    status,
    total: rows.length,
    rows: rows.slice(0, q.limit ?? 100),
  };
}
