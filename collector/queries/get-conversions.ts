import { attributeTouches } from '../attribution/attribute-touches';
import { bySourceRow, conversionCard, LEADS, SOURCE_ROWS, sourceKey } from '../attribution/conversion-rows';
import type { Db } from '../db/open-database';
import type { Goal } from '../model';
import type { ConversionPeriod, ConversionSourceRow, Conversions, ConversionsQuery } from '../reports/types';
import { countSourceVisitors } from './count-source-visitors';
import { firstConversions } from './first-conversions';
import { getGoalStats } from './get-goal-stats';
import { sumRevenue } from './sum-revenue';

const DAY = 86_400_000;

function card(db: Db, siteId: number, goal: Goal, lead: boolean, q: { from: number; to: number }) {
  const s = getGoalStats(db, siteId, { ...goal, siteId }, q);
  const c = conversionCard(goal, lead, s);
  return { card: c, visitors: s.visitors };
}

function period(
  db: Db,
  siteId: number,
  goals: readonly Goal[],
  q: { from: number; to: number; currency: string | null },
): ConversionPeriod {
  const leads = card(db, siteId, LEADS, true, q);
  return {
    from: q.from,
    to: q.to,
    visitors: leads.visitors,
    leads: leads.card,
    goals: goals.map((g) => card(db, siteId, g, false, q).card),
    revenue: { currency: q.currency, ...sumRevenue(db, siteId, q).revenue },
  };
}

/**
 * The overview's conversions for [from, to): visitors, leads (visitors who used any contact
 * touchpoint), each goal's conversions and rate, revenue from the CRM's values; and where they came
 * from: each converted visitor's first conversion (and each paying visitor's revenue) credited to
 * one of their sessions by `model`, as the attribution report does, per source and per campaign.
 */
export function getConversions(
  db: Db,
  siteId: number,
  goals: readonly Goal[],
  q: ConversionsQuery,
): Conversions {
  const current = period(db, siteId, goals, q);
  const lookback = q.lookbackMs ?? 90 * DAY;
  const touchesOf = db
    .prepare(`SELECT start_ts, channel, coalesce(utm_source, referrer_host, '(direct)'), utm_campaign FROM sessions
    WHERE site_id = ? AND visitor_id = ? AND start_ts >= ? AND start_ts <= ? ORDER BY start_ts, id`)
    .raw(true);
  type Touch = { start: number; channel: string; source: string; campaign: string | null };
  const touchesIn = (visitor: number, lo: number, hi: number): Touch[] =>
    (touchesOf.all(siteId, visitor, lo, hi) as [number, string, string, string | null][]).map(
      ([start, channel, source, campaign]) => ({ start, channel, source, campaign }),
    );
  // A visitor converts for the leads, for several goals and with revenue: their sessions of the
  // range and its lookback are read once, and each conversion takes those of its own window.
  const sessionsOf = new Map<number, Touch[]>();
  const credit = (visitor: number, ts: number) => {
    let touches: Touch[];
    if (ts >= q.from && ts <= q.to) {
      let all = sessionsOf.get(visitor);
      if (!all) sessionsOf.set(visitor, (all = touchesIn(visitor, q.from - lookback, q.to)));
      touches = all.filter((t) => t.start >= ts - lookback && t.start <= ts);
    } else touches = touchesIn(visitor, ts - lookback, ts);
    return attributeTouches(touches)?.[q.model] ?? null;
  };

  const sources = new Map<string, ConversionSourceRow>();
  const campaigns = new Map<string, ConversionSourceRow>();
  const rowOf = (
    map: Map<string, ConversionSourceRow>,
    channel: string,
    source: string,
    campaign: string | null,
  ) => {
    const key = sourceKey(channel, source, campaign);
    let r = map.get(key);
    if (!r) map.set(key, (r = { channel, source, campaign, visitors: 0, leads: 0, goals: {}, revenue: 0 }));
    return r;
  };
  for (const [key, n] of countSourceVisitors(db, siteId, q)) {
    const [channel, source, campaign] = key.split('\u0000') as [string, string, string];
    rowOf(campaign ? campaigns : sources, channel, source, campaign || null).visitors = n;
  }
  const unattributed = new Set<number>();
  const credited = (
    visitors: Map<number, { ts: number; value: number }>,
    add: (r: ConversionSourceRow, value: number) => void,
  ) => {
    for (const [visitor, c] of visitors) {
      const t = credit(visitor, c.ts);
      if (!t) {
        unattributed.add(visitor);
        continue;
      }
      add(rowOf(sources, t.channel, t.source, null), c.value);
      if (t.campaign !== null) add(rowOf(campaigns, t.channel, t.source, t.campaign), c.value);
    }
  };
  credited(firstConversions(db, siteId, LEADS, q), (r) => r.leads++);
  for (const g of goals)
    credited(firstConversions(db, siteId, g, q), (r) => {
      r.goals[g.id] = (r.goals[g.id] ?? 0) + 1;
    });
  credited(sumRevenue(db, siteId, q).visitors, (r, value) => {
    r.revenue += value;
  });
  for (const r of [...sources.values(), ...campaigns.values()]) for (const g of goals) r.goals[g.id] ??= 0;

  const result: Conversions = {
    ...current,
    model: q.model,
    sources: [...sources.values()].sort(bySourceRow).slice(0, SOURCE_ROWS),
    campaigns: [...campaigns.values()].sort(bySourceRow).slice(0, SOURCE_ROWS),
    unattributed: unattributed.size,
  };
  if (q.compare) {
    const span = q.to - q.from;
    result.previous = period(db, siteId, goals, { from: q.from - span, to: q.from, currency: q.currency });
  }
  return result;
}
