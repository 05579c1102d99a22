import { PAGE_SIGNALS } from '../../../scorecard/touchpoint-kinds';
import { type Sql, sql } from '../../sql';
import { type ChContext, queryRows } from '../ch-context';
import { num } from '../web-events';
import { propText, type ScorecardRange, scorecardEvents } from './scorecard-events';

type Count = string | number;

export interface PageCounts {
  path: string;
  events: number;
  visitors: number;
  touched: number;
  touchedConverted: number;
  visits: number;
  notFound: number;
  measured: number;
  poor: number;
  /** Poor visits by LCP, INP, CLS. */
  poorBy: number[];
  frustrated: number;
}

/**
 * get-scorecard.ts's page counts in ClickHouse. A page visit is a session's web events on one
 * path; the visits that viewed the page are checked for a "not found", frustrated clicks and, if
 * measured, a poor core web vital (each metric apart). A page's visitors are those who viewed it,
 * met at their first view.
 */
export async function countScorecardPages(
  ctx: ChContext,
  q: ScorecardRange,
  visitors: Sql,
): Promise<PageCounts[]> {
  const poor = (metric: string) =>
    sql`max(name = 'web_vital' AND ${propText('rating')} = 'poor' AND ${propText('metric')} = ${metric})`;
  const visits = sql`SELECT v, session, assumeNotNull(path) AS p, countIf(name = 'pageview') AS views,
      minIf(ts, name = 'pageview') AS vfirst, max(name = 'not_found') AS nf,
      max(name = 'rage_click' OR name = 'dead_click') AS fr, max(name = 'web_vital') AS ms,
      ${poor('LCP')} AS pl, ${poor('INP')} AS pi, ${poor('CLS')} AS pc
    FROM ${scorecardEvents(ctx, q)}
    WHERE session != 0 AND path IS NOT NULL AND has(${['pageview', ...PAGE_SIGNALS]}, name)
    GROUP BY v, session, p`;
  const viewed = sql`views > 0`;
  const byVisitor = sql`SELECT v, p, sum(views) AS vviews, minIf(vfirst, ${viewed}) AS pfirst,
      countIf(${viewed}) AS vvisits, countIf(${viewed} AND nf) AS vnf, countIf(${viewed} AND fr) AS vfr,
      countIf(${viewed} AND ms) AS vms, countIf(${viewed} AND ms AND (pl OR pi OR pc)) AS vpoor,
      countIf(${viewed} AND ms AND pl) AS vpl, countIf(${viewed} AND ms AND pi) AS vpi,
      countIf(${viewed} AND ms AND pc) AS vpc
    FROM (${visits}) GROUP BY v, p`;
  const rows = await queryRows<Record<string, Count> & { p: string }>(
    ctx,
    sql`SELECT p, sum(vviews) AS events, countIf(vviews > 0) AS visitors,
        countIf(vviews > 0 AND (conv = 0 OR pfirst < conv)) AS touched,
        countIf(vviews > 0 AND conv != 0 AND pfirst < conv) AS touchedConverted,
        sum(vvisits) AS visits, sum(vnf) AS notFound, sum(vfr) AS frustrated, sum(vms) AS measured,
        sum(vpoor) AS poor, sum(vpl) AS poorL, sum(vpi) AS poorI, sum(vpc) AS poorC
      FROM (${byVisitor}) ANY LEFT JOIN ${visitors} USING v
      GROUP BY p HAVING visitors > 0`,
  );
  return rows.map((r) => ({
    path: r.p,
    events: num(r.events),
    visitors: num(r.visitors),
    touched: num(r.touched),
    touchedConverted: num(r.touchedConverted),
    visits: num(r.visits),
    notFound: num(r.notFound),
    measured: num(r.measured),
    poor: num(r.poor),
    poorBy: [num(r.poorL), num(r.poorI), num(r.poorC)],
    frustrated: num(r.frustrated),
  }));
}
