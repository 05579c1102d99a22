import { compileConditions } from '../blocks';
import type { Db } from '../db/open-database';
import { goalCondition } from '../goals/goal-condition';
import { CONTACT_NAMES, type StepCondition } from '../model';
import type { Scorecard, ScorecardQuery } from '../reports/types';
import { buildScorecard } from '../scorecard/build-scorecard';
import type { NameTally, ScorecardTallies, TouchpointTally } from '../scorecard/scorecard-tallies';
import { kindOfName, pageKey, webRoleOf } from '../scorecard/touchpoint-kinds';
import { callbackPairs } from './callback-pairs';
import { countFormTouchpoints } from './count-form-touchpoints';
import { countMissedCalls } from './count-missed-calls';
import { countReviewRatings } from './count-review-ratings';
import { findPageCauses } from './find-page-causes';
import { CORE_VITALS, findPoorVitals } from './find-poor-vitals';
import { forEachCompositeConversion } from './for-each-composite-conversion';
import { sumNameValues } from './sum-name-values';
import { GOAL, type NameAcc, tallyScorecardBlocks } from './tally-scorecard-blocks';

/**
 * The touchpoint scorecard for [from, to) against a goal (null: any contact). One pass over the
 * packed event blocks finds who met which touchpoint (names, pages) and page visits' signals, and
 * when each visitor converted; small queries count forms, callbacks, calls and reviews; the rating
 * itself is scorecard/build-scorecard.ts's (pure, shared with the other engine).
 */
export function getScorecard(db: Db, siteId: number, q: ScorecardQuery): Scorecard {
  const { from, to } = q;
  const def = q.goal?.definition ?? null;
  const single: StepCondition | null = def ? goalCondition(def) : { names: [...CONTACT_NAMES] };
  const matcher = compileConditions(db, siteId, single ? [{ cond: single, bits: GOAL }] : [], from, to);
  const composite = new Map<number, number>();
  if (def?.kind === 'composite')
    forEachCompositeConversion(db, siteId, def, q, (c) => {
      const prev = composite.get(c.visitor);
      if (prev === undefined || c.ts < prev) composite.set(c.visitor, c.ts);
    });
  const nameOf = new Map(db.prepare('SELECT id, name FROM names').raw(true).all() as [number, string][]);
  const idOf = new Map([...nameOf].map(([id, name]) => [name, id]));
  const id = (name: string) => idOf.get(name) ?? -1;
  const tallied = tallyScorecardBlocks(db, siteId, {
    from,
    to,
    cols: matcher.cols,
    mask: (b, out) => matcher.mask(b, out),
    single: single !== null,
    composite,
    poorVitals: findPoorVitals(db, siteId, q),
    ids: {
      pageview: id('pageview'),
      notFound: id('not_found'),
      vital: id('web_vital'),
      rage: id('rage_click'),
      dead: id('dead_click'),
    },
  });
  const { convertedAt } = tallied;

  const touchpoints: TouchpointTally[] = [];
  const causes = findPageCauses(db, siteId, q);
  for (const [path, p] of tallied.pages) {
    if (!p.visitors) continue;
    const worst = p.poorBy.indexOf(Math.max(...p.poorBy));
    touchpoints.push({
      key: pageKey(path),
      name: 'pageview',
      label: path,
      kind: 'page',
      events: p.events,
      visitors: p.visitors,
      touched: p.touched,
      touchedConverted: p.touchedConverted,
      checks: {
        'not-found': { checked: p.visits, failed: p.notFound, top: causes.notFoundSource.get(path) ?? null },
        'poor-vitals': { checked: p.measured, failed: p.poor, top: p.poor ? CORE_VITALS[worst]! : null },
        'frustrated-clicks': {
          checked: p.visits,
          failed: p.frustrated,
          top: causes.frustratingElement.get(path) ?? null,
        },
      },
    });
  }
  const standardMs = q.responseStandardMs;
  for (const acc of tallied.names) {
    const name = nameOf.get(acc.id) ?? `#${acc.id}`;
    if (!acc.webEvents || webRoleOf(name) !== 'touchpoint') continue;
    const kind = kindOfName(name);
    const tally: TouchpointTally = {
      key: name,
      name,
      label: name,
      kind,
      events: acc.webEvents,
      visitors: acc.webVisitors,
      touched: acc.touched,
      touchedConverted: acc.touchedConverted,
      checks: {},
    };
    if (kind === 'callback') {
      const pairs = callbackPairs(db, siteId, { from, to, requestName: name });
      const never = pairs.filter((p) => p.answeredAt === null).length;
      const late = pairs.filter((p) => p.answeredAt !== null && p.answeredAt - p.ts > standardMs).length;
      tally.checks['late-callback'] = { checked: pairs.length, failed: never + late, never };
    } else if (kind === 'call') tally.checks['missed-call'] = countMissedCalls(db, siteId, q);
    else if (kind === 'review') tally.checks['low-review'] = countReviewRatings(db, siteId, q);
    touchpoints.push(tally);
  }
  touchpoints.push(...countFormTouchpoints(db, siteId, q, convertedAt));

  const tallies: ScorecardTallies = {
    visitors: tallied.visitors,
    converted: convertedAt.size,
    touchpoints,
    names: nameTallies(db, siteId, q, tallied.names, nameOf),
  };
  return {
    from,
    to,
    ...buildScorecard(tallies, {
      goal: def,
      responseStandardMinutes: Math.round(standardMs / 60_000),
    }),
  };
}

/** Every name's counts, with the values of the names that have server-side events. */
function nameTallies(
  db: Db,
  siteId: number,
  q: { from: number; to: number },
  names: readonly NameAcc[],
  nameOf: Map<number, string>,
): NameTally[] {
  const values = sumNameValues(
    db,
    siteId,
    q,
    names.filter((a) => a.events > a.webEvents).map((a) => a.id),
  );
  return names.map((a) => ({
    name: nameOf.get(a.id) ?? `#${a.id}`,
    events: a.events,
    visitors: a.visitors,
    webEvents: a.webEvents,
    value: values.get(a.id) ?? 0,
  }));
}
