import type { Db } from '../db/open-database';
import type { ResponseSpeed, ResponseSpeedQuery } from '../reports/types';
import { clockLabel, clockZone } from '../response/local-clock';
import { responseByClock, summarizeResponses } from '../response/response-summary';
import { callbackPairs } from './callback-pairs';

/**
 * How fast the business calls back (pairing: callback-pairs.ts): totals, and the same by the local
 * hour and weekday the requests came in, so the owner sees when nobody answers.
 */
export function getResponseSpeed(db: Db, siteId: number, q: ResponseSpeedQuery): ResponseSpeed {
  const standardMs = q.standardMs ?? 15 * 60_000;
  const pairs = callbackPairs(db, siteId, q);
  const zone = clockZone(q);
  return {
    from: q.from,
    to: q.to,
    standardMs,
    ...summarizeResponses(pairs, standardMs),
    clock: clockLabel(zone),
    ...responseByClock(pairs, standardMs, zone),
  };
}
