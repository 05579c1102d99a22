import type { Db } from '../db/open-database';
import { quantiles } from '../funnels/quantile';
import type { ResponseSpeed, ResponseSpeedQuery } from '../reports/types';

/**
 * How fast the business calls back: each callback_request in [from, to) is paired with the first
 * later callback_made or call_answered (any time after, even past `to`) of the same visitor or,
 * when the request carries a lead id, the same lead. Two requests before one answer are both
 * answered by it, each with its own reaction time.
 */
export function getResponseSpeed(db: Db, siteId: number, q: ResponseSpeedQuery): ResponseSpeed {
  const standardMs = q.standardMs ?? 15 * 60_000;
  const answers = [...(q.answerNames ?? ['callback_made', 'call_answered'])];
  const inList = answers.map(() => '?').join(',');
  const answerIds = `SELECT id FROM names WHERE name IN (${inList})`;
  const requests = db
    .prepare(`SELECT e.visitor_id, e.ts, e.lead FROM events e
    WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.name_id = (SELECT id FROM names WHERE name = ?)`)
    .raw(true)
    .all(siteId, q.from, q.to, q.requestName ?? 'callback_request') as [number, number, string | null][];
  const byVisitor = db
    .prepare(
      `SELECT min(ts) FROM events WHERE site_id = ? AND visitor_id = ? AND ts > ? AND name_id IN (${answerIds})`,
    )
    .pluck(true);
  const byLead = db
    .prepare(
      `SELECT min(ts) FROM events WHERE site_id = ? AND lead = ? AND ts > ? AND name_id IN (${answerIds})`,
    )
    .pluck(true);
  const times: number[] = [];
  for (const [visitor, ts, lead] of requests) {
    const a = byVisitor.get(siteId, visitor, ts, ...answers) as number | null;
    const b = lead ? (byLead.get(siteId, lead, ts, ...answers) as number | null) : null;
    const first = a === null ? b : b === null ? a : Math.min(a, b);
    if (first !== null) times.push(first - ts);
  }
  const [medianMs, p90Ms] = quantiles(times, [0.5, 0.9]);
  const within = times.filter((t) => t <= standardMs).length;
  return {
    from: q.from,
    to: q.to,
    standardMs,
    requests: requests.length,
    answered: times.length,
    unanswered: requests.length - times.length,
    medianMs: medianMs ?? null,
    p90Ms: p90Ms ?? null,
    withinStandard: within,
    withinStandardShare: requests.length ? within / requests.length : 0,
  };
}
