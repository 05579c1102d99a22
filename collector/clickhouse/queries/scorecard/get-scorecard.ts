import type { Scorecard, ScorecardQuery } from '../../../reports/types';
import { buildScorecard } from '../../../scorecard/build-scorecard';
import type { TouchpointTally } from '../../../scorecard/scorecard-tallies';
import { kindOfName, pageKey, webRoleOf } from '../../../scorecard/touchpoint-kinds';
import { sql } from '../../sql';
import { type ChContext, queryRows } from '../ch-context';
import { num } from '../web-events';
import { countFormTouchpoints } from './count-form-touchpoints';
import { countLateCallbacks } from './count-late-callbacks';
import { countMissedCalls } from './count-missed-calls';
import { countReviewRatings } from './count-review-ratings';
import { countScorecardNames } from './count-scorecard-names';
import { countScorecardPages } from './count-scorecard-pages';
import { findPageCauses } from './find-page-causes';
import { scorecardVisitors } from './scorecard-events';

const VITALS = ['LCP', 'INP', 'CLS'] as const;

/**
 * queries/get-scorecard.ts in ClickHouse: the same tallies (scorecard/scorecard-tallies.ts says
 * what each counts), each counted in SQL against every visitor's first conversion in the range;
 * the rating is the shared buildScorecard's.
 */
export async function getScorecard(ctx: ChContext, siteId: number, q: ScorecardQuery): Promise<Scorecard> {
  const range = { siteId, from: q.from, to: q.to };
  const visitors = scorecardVisitors(ctx, range, q.goal?.definition ?? null);
  const [totals, names, pages, causes, forms] = await Promise.all([
    queryRows<{ visitors: string; converted: string }>(
      ctx,
      sql`SELECT countIf(web = 1) AS visitors, countIf(web = 1 AND conv != 0) AS converted FROM ${visitors}`,
    ),
    countScorecardNames(ctx, range, visitors),
    countScorecardPages(ctx, range, visitors),
    findPageCauses(ctx, range),
    countFormTouchpoints(ctx, range, visitors),
  ]);
  const touchpoints: TouchpointTally[] = pages.map((p) => {
    const worst = p.poorBy.indexOf(Math.max(...p.poorBy));
    return {
      key: pageKey(p.path),
      name: 'pageview',
      label: p.path,
      kind: 'page',
      events: p.events,
      visitors: p.visitors,
      touched: p.touched,
      touchedConverted: p.touchedConverted,
      checks: {
        'not-found': {
          checked: p.visits,
          failed: p.notFound,
          top: causes.notFoundSource.get(p.path) ?? null,
        },
        'poor-vitals': { checked: p.measured, failed: p.poor, top: p.poor ? VITALS[worst]! : null },
        'frustrated-clicks': {
          checked: p.visits,
          failed: p.frustrated,
          top: causes.frustratingElement.get(p.path) ?? null,
        },
      },
    };
  });
  const named = await Promise.all(
    names
      .filter((n) => n.webEvents > 0 && webRoleOf(n.name) === 'touchpoint')
      .map(async (n): Promise<TouchpointTally> => {
        const kind = kindOfName(n.name);
        const tally: TouchpointTally = {
          key: n.name,
          name: n.name,
          label: n.name,
          kind,
          events: n.webEvents,
          visitors: n.webVisitors,
          touched: n.touched,
          touchedConverted: n.touchedConverted,
          checks: {},
        };
        if (kind === 'callback')
          tally.checks['late-callback'] = await countLateCallbacks(ctx, range, n.name, q.responseStandardMs);
        else if (kind === 'call') tally.checks['missed-call'] = await countMissedCalls(ctx, range);
        else if (kind === 'review') tally.checks['low-review'] = await countReviewRatings(ctx, range);
        return tally;
      }),
  );
  touchpoints.push(...named, ...forms);
  return {
    from: q.from,
    to: q.to,
    ...buildScorecard(
      {
        visitors: num(totals[0]?.visitors),
        converted: num(totals[0]?.converted),
        touchpoints,
        names: names.map(({ name, events, visitors, webEvents, value }) => ({
          name,
          events,
          visitors,
          webEvents,
          value,
        })),
      },
      {
        goal: q.goal?.definition ?? null,
        responseStandardMinutes: Math.round(q.responseStandardMs / 60_000),
      },
    ),
  };
}
