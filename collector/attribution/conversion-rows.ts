import type { Goal } from '../model';
import type { ConversionCard, ConversionSourceRow, GoalStats, Revenue } from '../reports/types';

/** Rows of `sources` and of `campaigns` at most. */
export const SOURCE_ROWS = 100;

/** "Got in touch": any contact touchpoint, as the scorecard's default. */
export const LEADS: Goal = {
  id: 0,
  siteId: 0,
  name: 'Leads',
  value: null,
  currency: null,
  definition: { kind: 'contact' },
  createdAt: 0,
  updatedAt: 0,
};

export const sourceKey = (channel: string, source: string, campaign: string | null): string =>
  `${channel}\u0000${source}\u0000${campaign ?? ''}`;

/** A headline card from the goal's stats: the leads card (LEADS) or a goal's. */
export function conversionCard(goal: Goal, lead: boolean, s: GoalStats): ConversionCard {
  return {
    key: lead ? 'leads' : `goal:${goal.id}`,
    goalId: lead ? null : goal.id,
    name: goal.name,
    conversions: s.conversions,
    convertedVisitors: s.convertedVisitors,
    conversionRate: s.visitorConversionRate,
    value: s.value,
  };
}

/**
 * The order of source and campaign rows: by leads, revenue, visitors, most first, then by key.
 * Every engine sorts with this before cutting to SOURCE_ROWS, so the same rows are shown.
 */
export const bySourceRow = (a: ConversionSourceRow, b: ConversionSourceRow): number =>
  b.leads - a.leads ||
  b.revenue - a.revenue ||
  b.visitors - a.visitors ||
  sourceKey(a.channel, a.source, a.campaign).localeCompare(sourceKey(b.channel, b.source, b.campaign));

/** The order of revenue by name: most value first, then by name. */
export const byRevenue = (a: Revenue['byName'][number], b: Revenue['byName'][number]): number =>
  b.value - a.value || (a.name < b.name ? -1 : 1);
