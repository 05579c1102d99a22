import type { CallbackPairQuery } from '../../queries/callback-pairs';
import { type Sql, sql } from '../sql';
import type { ChContext } from './ch-context';
import { nameIn } from './condition-sql';
import { resolvedEvents, tsRange } from './site-events';

/** A row's match keys: its visitor, and its lead when it carries one. */
const keys = sql`arrayJoin(if(ifNull(lead, '') = '', [concat('v', toString(v))],
  [concat('v', toString(v)), concat('l', assumeNotNull(lead))]))`;

/**
 * queries/callback-pairs.ts in ClickHouse: a subquery with one row per callback request in
 * [from, to): `ts`, `seq`, `lead`, `path`, `channel`, `source`, `campaign`, `answered` (0 or 1),
 * `answeredAt` and `answeredBy`. The first later answer of the request's visitor or lead is found
 * by one join on both keys: the earliest wins, the visitor's on a tie (as the SQLite engine keeps
 * the visitor's unless the lead's is strictly earlier), then the row stored first. Answers may come
 * after `to`, never before `from`, which bounds their scan.
 */
export function callbackPairsSql(ctx: ChContext, siteId: number, q: CallbackPairQuery): Sql {
  const answerNames = [...(q.answerNames ?? ['callback_made', 'call_answered'])];
  const requests = resolvedEvents(
    ctx,
    siteId,
    sql`ts, seq, lead, path, channel, utm_source, referrer_host, utm_campaign`,
    sql`${tsRange(q.from, q.to)} AND name = ${q.requestName ?? 'callback_request'}`,
  );
  const answers = resolvedEvents(
    ctx,
    siteId,
    sql`ts, seq, name, lead`,
    sql`${tsRange(q.from, Number.POSITIVE_INFINITY)} AND ${nameIn(answerNames)}`,
  );
  const left = sql`(SELECT ts AS rts, seq AS rseq, lead AS rlead, path AS rpath, channel AS rchannel,
      coalesce(utm_source, referrer_host, if(ifNull(channel, '') = '', NULL, '(direct)')) AS rsource,
      utm_campaign AS rcampaign, ${keys} AS k
    FROM ${requests})`;
  const right = sql`(SELECT ts AS ats, seq AS aseq, name AS aname, ${keys} AS k FROM ${answers})`;
  const after = sql`ats > rts`;
  return sql`(SELECT rseq AS seq, any(rts) AS ts, any(rlead) AS lead, any(rpath) AS path,
      any(rchannel) AS channel, any(rsource) AS source, any(rcampaign) AS campaign,
      toUInt8(countIf(${after}) > 0) AS answered, minIf(ats, ${after}) AS answeredAt,
      argMinIf(aname, (ats, substring(k, 1, 1) = 'l', aseq), ${after}) AS answeredBy
    FROM ${left} ALL LEFT JOIN ${right} USING k
    GROUP BY rseq)`;
}
