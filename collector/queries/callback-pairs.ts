import type { Db } from '../db/open-database';
import type { CallbackPair } from '../response/response-summary';

export interface CallbackPairQuery {
  from: number;
  to: number;
  requestName?: string;
  answerNames?: readonly string[];
}

/** Answers are read in one pass up to this long after the range; a request still unanswered by then is looked up alone. */
const BATCH_AFTER_MS = 7 * 86_400_000;

type Answer = [id: number, ts: number, nameId: number, name: string];

/** The first answer after `ts` in a list sorted by time, or undefined. */
function firstAfter(list: readonly Answer[] | undefined, ts: number): Answer | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![1] > ts) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

/**
 * Each callback request in [from, to), paired with the first later answer (callback_made or
 * call_answered, any time after, even past `to`) of the same visitor or, when the request carries a
 * lead id, the same lead. Two requests before one answer are both answered by it. With the page,
 * the session's source and the lead, for the list of late ones. Oldest first.
 *
 * The answers from the first request to a week past `to` are read at once and grouped by visitor
 * and lead, in the order the per-request lookups read them (by visitor: time, name id, id; by lead:
 * time, id); only requests with no answer in that window are looked up one by one.
 */
export function callbackPairs(db: Db, siteId: number, q: CallbackPairQuery): CallbackPair[] {
  const answers = [...(q.answerNames ?? ['callback_made', 'call_answered'])];
  const inList = answers.map(() => '?').join(',');
  const answerIds = `SELECT id FROM names WHERE name IN (${inList})`;
  // INDEXED BY: ordered by time, SQLite would rather walk every event of the range by time.
  const requests = db
    .prepare(`SELECT e.id, e.visitor_id, e.ts, e.lead, e.path, ss.channel, ss.utm_source, ss.referrer_host, ss.utm_campaign
    FROM events e INDEXED BY events_by_name LEFT JOIN sessions ss ON ss.id = e.session_id
    WHERE e.site_id = ? AND e.ts >= ? AND e.ts < ? AND e.name_id = (SELECT id FROM names WHERE name = ?)
    ORDER BY e.ts, e.id`)
    .raw(true)
    .all(siteId, q.from, q.to, q.requestName ?? 'callback_request') as [
    number,
    number,
    number,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
  ][];
  if (!requests.length) return [];
  const horizon = q.to + BATCH_AFTER_MS;
  const byVisitor = new Map<number, Answer[]>();
  const byLead = new Map<string, Answer[]>();
  for (const [id, visitor, lead, ts, nameId, name] of db
    .prepare(`SELECT e.id, e.visitor_id, e.lead, e.ts, e.name_id, n.name
    FROM events e INDEXED BY events_by_name JOIN names n ON n.id = e.name_id
    WHERE e.site_id = ? AND e.name_id IN (${answerIds}) AND e.ts > ? AND e.ts < ?`)
    .raw(true)
    .iterate(siteId, ...answers, requests[0]![2], horizon) as IterableIterator<
    [number, number, string | null, number, number, string]
  >) {
    const a: Answer = [id, ts, nameId, name];
    byVisitor.get(visitor)?.push(a) ?? byVisitor.set(visitor, [a]);
    if (lead !== null) byLead.get(lead)?.push(a) ?? byLead.set(lead, [a]);
  }
  for (const list of byVisitor.values()) list.sort((x, y) => x[1] - y[1] || x[2] - y[2] || x[0] - y[0]);
  for (const list of byLead.values()) list.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  const first = (by: 'visitor_id' | 'lead') =>
    db
      .prepare(`SELECT e.ts, n.name FROM events e JOIN names n ON n.id = e.name_id
      WHERE e.site_id = ? AND e.${by} = ? AND e.ts > ? AND e.name_id IN (${answerIds}) ORDER BY e.ts LIMIT 1`)
      .raw(true);
  const visitorAlone = first('visitor_id');
  const leadAlone = first('lead');
  // Nothing answered after the window (the usual case: a recent range): the window held every answer.
  const beyond =
    db
      .prepare(`SELECT 1 FROM events WHERE site_id = ? AND name_id IN (${answerIds}) AND ts >= ? LIMIT 1`)
      .pluck(true)
      .get(siteId, ...answers, horizon) !== undefined;
  const found = (x: Answer | undefined): [number, string] | undefined => (x ? [x[1], x[3]] : undefined);
  return requests.map(([id, visitor, ts, lead, path, channel, utmSource, referrerHost, campaign]) => {
    const a =
      found(firstAfter(byVisitor.get(visitor), ts)) ??
      (beyond
        ? (visitorAlone.get(siteId, visitor, ts, ...answers) as [number, string] | undefined)
        : undefined);
    const b = lead
      ? (found(firstAfter(byLead.get(lead), ts)) ??
        (beyond ? (leadAlone.get(siteId, lead, ts, ...answers) as [number, string] | undefined) : undefined))
      : undefined;
    const answer = a && b ? (b[0] < a[0] ? b : a) : (a ?? b);
    return {
      id,
      ts,
      visitor,
      lead,
      path,
      channel,
      source: utmSource ?? referrerHost ?? (channel ? '(direct)' : null),
      campaign,
      answeredAt: answer ? answer[0] : null,
      answeredBy: answer ? answer[1] : null,
    };
  });
}
