import {
  bySourceRow,
  conversionCard,
  LEADS,
  SOURCE_ROWS,
  sourceKey,
} from '../../attribution/conversion-rows';
import type { Goal } from '../../model';
import type {
  ConversionPeriod,
  ConversionSourceRow,
  Conversions,
  ConversionsQuery,
} from '../../reports/types';
import { sql } from '../sql';
import { type ChContext, queryRows } from './ch-context';
import { conversionCredits } from './conversion-credits';
import { countSourceVisitors } from './count-source-visitors';
import { getGoalStats } from './get-goal-stats';
import { orderedSumSql } from './ordered-sum-sql';
import { sumRevenue } from './sum-revenue';
import { num } from './web-events';

const DAY = 86_400_000;
type Count = string | number;

async function period(
  ctx: ChContext,
  siteId: number,
  goals: readonly Goal[],
  q: { from: number; to: number; currency: string | null },
): Promise<ConversionPeriod> {
  const range = { from: q.from, to: q.to };
  const [leads, cards, revenue] = await Promise.all([
    getGoalStats(ctx, siteId, { ...LEADS, siteId }, range),
    Promise.all(goals.map((g) => getGoalStats(ctx, siteId, { ...g, siteId }, range))),
    sumRevenue(ctx, siteId, range),
  ]);
  return {
    from: q.from,
    to: q.to,
    visitors: leads.visitors,
    leads: conversionCard(LEADS, true, leads),
    goals: goals.map((g, i) => conversionCard(g, false, cards[i]!)),
    revenue: { currency: q.currency, ...revenue },
  };
}

/**
 * queries/get-conversions.ts in ClickHouse: the cards from the goal stats, revenue, the source
 * visitors, and every credit (conversion-credits.ts) tallied in SQL per goal, channel, source
 * and campaign; the rows are ordered and cut by the shared bySourceRow.
 */
export async function getConversions(
  ctx: ChContext,
  siteId: number,
  goals: readonly Goal[],
  q: ConversionsQuery,
): Promise<Conversions> {
  const keyed = [{ k: 'leads', goal: LEADS }, ...goals.map((goal) => ({ k: `g${goal.id}`, goal }))];
  const credits = conversionCredits(ctx, siteId, keyed, {
    from: q.from,
    to: q.to,
    lookbackMs: q.lookbackMs ?? 90 * DAY,
    model: q.model,
  });
  const [current, visitors, tallies, lost] = await Promise.all([
    period(ctx, siteId, goals, q),
    countSourceVisitors(ctx, siteId, q),
    queryRows<{ k: string; ch: string; src: string; camp: string; n: Count; value: number }>(
      ctx,
      sql`SELECT k, ch, src, camp, count() AS n, ${orderedSumSql([sql`cts`, sql`cseq`], sql`cval`)} AS value
      FROM (SELECT k, cts, cseq, cval, tupleElement(c, 3) AS ch, tupleElement(c, 4) AS src,
          arrayJoin(if(tupleElement(c, 5) = 1, [''], ['', concat('c', tupleElement(c, 6))])) AS camp
        FROM ${credits} WHERE length(t) > 0)
      GROUP BY k, ch, src, camp`,
    ),
    queryRows<{ n: Count }>(ctx, sql`SELECT uniqExact(v) AS n FROM ${credits} WHERE length(t) = 0`),
  ]);

  const sources = new Map<string, ConversionSourceRow>();
  const campaigns = new Map<string, ConversionSourceRow>();
  const rowOf = (channel: string, source: string, campaign: string | null) => {
    const map = campaign === null ? sources : campaigns;
    const key = sourceKey(channel, source, campaign);
    let r = map.get(key);
    if (!r) map.set(key, (r = { channel, source, campaign, visitors: 0, leads: 0, goals: {}, revenue: 0 }));
    return r;
  };
  for (const [key, n] of visitors) {
    const [channel, source, campaign] = key.split('\u0000') as [string, string, string];
    rowOf(channel, source, campaign || null).visitors = n;
  }
  for (const t of tallies) {
    const r = rowOf(t.ch, t.src, t.camp ? t.camp.slice(1) : null);
    if (t.k === 'leads') r.leads = num(t.n);
    else if (t.k === 'revenue') r.revenue = Number(t.value);
    else r.goals[t.k.slice(1)] = num(t.n);
  }
  for (const r of [...sources.values(), ...campaigns.values()]) for (const g of goals) r.goals[g.id] ??= 0;

  const result: Conversions = {
    ...current,
    model: q.model,
    sources: [...sources.values()].sort(bySourceRow).slice(0, SOURCE_ROWS),
    campaigns: [...campaigns.values()].sort(bySourceRow).slice(0, SOURCE_ROWS),
    unattributed: num(lost[0]?.n),
  };
  if (q.compare) {
    const span = q.to - q.from;
    result.previous = await period(ctx, siteId, goals, {
      from: q.from - span,
      to: q.from,
      currency: q.currency,
    });
  }
  return result;
}
