import type { Db } from '../db/open-database';
import type { CallbackPair } from '../response/response-summary';

export interface CallbackPairQuery {
  from: number;
  to: number;
  requestName?: string;
  answerNames?: readonly string[];
}

/**
 * Each callback request in [from, to), paired with the first later answer (callback_made or
 * call_answered, any time after, even past `to`) of the same visitor or, when the request carries a
 * lead id, the same lead. Two requests before one answer are both answered by it. With the page,
 * the session's source and the lead, for the list of late ones. Oldest first.
 */
export function callbackPairs(db: Db, siteId: number, q: CallbackPairQuery): CallbackPair[] {
  const answers = [...(q.answerNames ?? ['callback_made', 'call_answered'])];
  const inList = answers.map(() => '?').join(',');
  const answerIds = `SELECT id FROM names WHERE name IN (${inList})`;
  const requests = db
    .prepare(`SELECT e.id, e.visitor_id, e.ts, e.lead, e.path, ss.channel, ss.utm_source, ss.referrer_host, ss.utm_campaign
    FROM events e LEFT JOIN sessions ss ON ss.id = e.session_id
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
  const first = (by: 'visitor_id' | 'lead') =>
    db
      .prepare(`SELECT e.ts, n.name FROM events e JOIN names n ON n.id = e.name_id
      WHERE e.site_id = ? AND e.${by} = ? AND e.ts > ? AND e.name_id IN (${answerIds}) ORDER BY e.ts LIMIT 1`)
      .raw(true);
  const byVisitor = first('visitor_id');
  const byLead = first('lead');
  return requests.map(([id, visitor, ts, lead, path, channel, utmSource, referrerHost, campaign]) => {
    const a = byVisitor.get(siteId, visitor, ts, ...answers) as [number, string] | undefined;
    const b = lead ? (byLead.get(siteId, lead, ts, ...answers) as [number, string] | undefined) : undefined;
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
