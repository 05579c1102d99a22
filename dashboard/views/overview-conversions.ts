import type { ConversionCard, ConversionPeriod, Conversions } from '../../collector/reports/types';
import { api } from '../api';
import { h } from '../dom';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import { t } from '../i18n';
import type { Range } from '../range';
import { statCard } from './stat-card';

/** `GET conversions` for a range: leads, every goal, revenue and, by `model`, where they came from. */
export const loadConversions = (site: string, range: { from: number; to: number }, model?: string) =>
  api<Conversions>(`/api/sites/${encodeURIComponent(site)}/conversions`, {
    query: { from: range.from, to: range.to, model },
  });

/** A card's value beside the visitors it is a share of: "2 of 10 visitors". */
const ofVisitors = (converted: number, visitors: number) =>
  h(
    'span',
    { class: 'muted small', 'data-of-visitors': visitors },
    t('conversions.ofVisitors', { converted: fmtInt(converted), n: visitors }),
  );

interface Compared {
  vs: string;
  before: ConversionPeriod | null;
}

/** Two cards for leads or a goal: how many, and as a share of the range's visitors. */
function cardPair(
  c: ConversionCard,
  visitors: number,
  label: string,
  count: number,
  prior: { card: ConversionCard; count: number } | undefined,
  vs: string,
): HTMLElement[] {
  const countCard = statCard(
    c.key,
    label,
    fmtInt(count),
    prior ? { now: count, before: prior.count, beforeText: fmtInt(prior.count), vs } : undefined,
  );
  const rate = c.conversionRate;
  const before = prior?.card.conversionRate;
  const rateCard = statCard(
    `${c.key}-rate`,
    t('conversions.rateOf', { what: label }),
    fmtPct(rate),
    before === undefined ? undefined : { now: rate, before, beforeText: fmtPct(before), vs },
  );
  rateCard.append(ofVisitors(c.convertedVisitors, visitors));
  return [countCard, rateCard];
}

/**
 * The overview's conversion cards: leads (visitors who used any contact touchpoint), each goal's
 * conversions and rate beside the visitors, and revenue from the CRM's values when there is any,
 * each with the earlier period when comparing (the same period the other cards compare with).
 */
export function conversionCards(now: Conversions, { vs, before }: Compared): HTMLElement {
  const goalBefore = new Map(before?.goals.map((g) => [g.key, g]) ?? []);
  const leads = cardPair(
    now.leads,
    now.visitors,
    t('conversions.leads'),
    now.leads.convertedVisitors,
    before ? { card: before.leads, count: before.leads.convertedVisitors } : undefined,
    vs,
  );
  const goals = now.goals.flatMap((g) => {
    const prior = goalBefore.get(g.key);
    return cardPair(
      g,
      now.visitors,
      g.name,
      g.conversions,
      before
        ? { card: prior ?? { ...g, conversions: 0, conversionRate: 0 }, count: prior?.conversions ?? 0 }
        : undefined,
      vs,
    );
  });
  const r = now.revenue;
  const money = (n: number) => fmtMoney(n, r.currency, true);
  const revenue =
    r.events > 0 || (before?.revenue.events ?? 0) > 0
      ? statCard(
          'revenue',
          t('conversions.revenue'),
          money(r.total),
          before
            ? { now: r.total, before: before.revenue.total, beforeText: money(before.revenue.total), vs }
            : undefined,
        )
      : null;
  revenue?.append(
    h(
      'span',
      { class: 'muted small' },
      t('conversions.revenueFrom', { n: r.events, visitors: fmtInt(r.visitors) }),
    ),
  );
  return h(
    'section',
    { class: 'stats', 'aria-label': t('conversions.title'), 'data-conversions': '' },
    leads,
    goals,
    revenue,
  );
}

/** The cards for the range, and for `earlier` when comparing (asked for that range, as the other cards are). */
export async function overviewConversions(
  site: string,
  range: Range,
  earlier: Range | null,
  vs: string,
  filtered: boolean,
): Promise<HTMLElement[]> {
  const [now, before] = await Promise.all([
    loadConversions(site, range),
    earlier ? loadConversions(site, earlier) : null,
  ]);
  return [
    conversionCards(now, { vs, before }),
    // The conversion report counts the whole site: say so rather than let a filtered page mislead.
    filtered ? h('p', { class: 'muted small' }, t('conversions.unfiltered')) : null,
  ].filter((x): x is HTMLElement => x !== null);
}
