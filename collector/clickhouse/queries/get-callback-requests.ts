import type { CallbackRequestList, CallbackRequestQuery } from '../../reports/types';
import { clockLabel, clockZone } from '../../response/local-clock';
import { type AnsweredRequest, callbackRequestRows } from '../../response/response-summary';
import { type Sql, sql } from '../sql';
import { callbackPairsSql } from './callback-pairs';
import { type ChContext, queryRows } from './ch-context';
import { num } from './web-events';

type Count = string | number;
interface PairRow {
  ts: Count;
  lead: string | null;
  path: string | null;
  channel: string | null;
  source: string | null;
  campaign: string | null;
  answered: number;
  answeredAt: Count;
  answeredBy: string;
}

/**
 * queries/get-callback-requests.ts in ClickHouse: the status filter, the count and the newest
 * `limit` rows in SQL; only those rows come back, to be dressed by the shared callbackRequestRows.
 */
export async function getCallbackRequests(
  ctx: ChContext,
  siteId: number,
  q: CallbackRequestQuery,
): Promise<CallbackRequestList> {
  const standardMs = q.standardMs ?? 15 * 60_000;
  const status = q.status ?? 'missed';
  const zone = clockZone(q);
  const onTime = sql`(answered = 1 AND answeredAt - ts <= ${standardMs})`;
  const where: Sql =
    status === 'all'
      ? sql`1`
      : status === 'missed'
        ? sql`NOT ${onTime}`
        : status === 'late'
          ? sql`answered = 1 AND NOT ${onTime}`
          : sql`answered = 0`;
  const pairs = callbackPairsSql(ctx, siteId, q);
  const [count, rows] = await Promise.all([
    queryRows<{ n: Count }>(ctx, sql`SELECT count() AS n FROM ${pairs} WHERE ${where}`),
    queryRows<PairRow>(
      ctx,
      sql`SELECT ts, lead, path, channel, source, campaign, answered, answeredAt, answeredBy
      FROM ${pairs} WHERE ${where} ORDER BY ts DESC, seq DESC LIMIT ${Math.max(0, q.limit ?? 100)}`,
    ),
  ]);
  // Oldest first, as the shared function expects (it lists newest first).
  const requests = rows.reverse().map(
    (r): AnsweredRequest => ({
      ts: num(r.ts),
      lead: r.lead,
      path: r.path,
      channel: r.channel,
      source: r.source,
      campaign: r.campaign,
      answeredAt: num(r.answered) ? num(r.answeredAt) : null,
      answeredBy: num(r.answered) ? r.answeredBy : null,
    }),
  );
  return {
    from: q.from,
    to: q.to,
    standardMs,
    clock: clockLabel(zone),
    status,
    total: num(count[0]?.n),
    rows: callbackRequestRows(requests, standardMs, zone),
  };
}
