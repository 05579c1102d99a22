import type { GoalDefinition } from '../model';
import type { Scorecard, ScorecardOutcome, ScorecardRow, ScorecardRules } from '../reports/types';
import { goalOwns, goalOwnsName } from './goal-owns';
import { ANNOYING_LIFT_UPPER_BOUND, MIN_SAMPLE, measureEffect, WOW_LIFT_LOWER_BOUND } from './measure-effect';
import { CHECK_LIMITS, judgeQuality, MIN_CHECKED } from './quality-rules';
import { rateTouchpoint } from './rate-touchpoint';
import type { ScorecardTallies, TouchpointTally } from './scorecard-tallies';
import { webRoleOf } from './touchpoint-kinds';
import { touchpointPhrase } from './touchpoint-phrase';

/** Pages shown besides the annoying ones: the busiest. */
export const PAGE_ROWS = 30;

export interface BuildOptions {
  /** What converting is: a goal's definition, or null for any contact touchpoint. */
  goal: GoalDefinition | null;
  responseStandardMinutes: number;
}

export const scorecardRules = (responseStandardMinutes: number): ScorecardRules => ({
  minSample: MIN_SAMPLE,
  minChecked: MIN_CHECKED,
  wowLiftLowerBound: WOW_LIFT_LOWER_BOUND,
  annoyingLiftUpperBound: ANNOYING_LIFT_UPPER_BOUND,
  responseStandardMinutes,
  limits: { ...CHECK_LIMITS },
});

/**
 * The scorecard from what an engine counted (pure, so every engine rates alike): the goal's own
 * touchpoints and those met only after converting become outcomes with the offline, signal and
 * technical events; every other touchpoint is rated on its own quality and effect. Rows and
 * outcomes by visitors, most first; pages beyond the PAGE_ROWS busiest are left out unless annoying.
 */
export function buildScorecard(
  t: ScorecardTallies,
  o: BuildOptions,
): Pick<Scorecard, 'visitors' | 'convertedVisitors' | 'rows' | 'outcomes' | 'pagesNotShown' | 'rules'> {
  const ctx = (x: TouchpointTally) => ({
    label: x.label,
    responseStandardMinutes: o.responseStandardMinutes,
  });
  const verb = o.goal ? 'converted' : 'got in touch';
  const outcomes: ScorecardOutcome[] = [];
  const values = new Map(t.names.map((n) => [n.name, n.value]));
  for (const n of t.names) {
    if (n.name === 'pageview') continue;
    const role = goalOwnsName(o.goal, n.name)
      ? 'goal'
      : n.webEvents === 0
        ? 'offline'
        : webRoleOf(n.name) === 'technical'
          ? 'technical'
          : webRoleOf(n.name) === 'touchpoint'
            ? null
            : 'signal';
    if (role)
      outcomes.push({
        key: n.name,
        name: n.name,
        label: n.name,
        role,
        events: n.events,
        visitors: n.visitors,
        value: n.value,
        quality: null,
      });
  }
  const rows: ScorecardRow[] = [];
  for (const x of t.touchpoints) {
    const owned = goalOwns(o.goal, x);
    if (owned || (x.touched === 0 && x.visitors > 0)) {
      const quality = judgeQuality(x.kind, x.checks, ctx(x));
      const known = outcomes.find((y) => y.key === x.key);
      if (known) known.quality = quality.verdict === 'not-measured' ? null : quality;
      else
        outcomes.push({
          key: x.key,
          name: x.name,
          label: x.label,
          role: owned ? 'goal' : 'after-goal',
          events: x.events,
          visitors: x.visitors,
          value: x.kind === 'page' || x.kind === 'form' ? 0 : (values.get(x.name) ?? 0),
          quality: quality.verdict === 'not-measured' ? null : quality,
        });
      continue;
    }
    const effect = measureEffect(
      {
        met: x.visitors,
        touched: x.touched,
        touchedConverted: x.touchedConverted,
        visitors: t.visitors,
        converted: t.converted,
      },
      touchpointPhrase(x.kind, x.name, x.label),
      verb,
    );
    const quality = judgeQuality(x.kind, x.checks, ctx(x));
    const worst = quality.checks.reduce<number | null>(
      (m, c) => (m === null || c.failureRate > m ? c.failureRate : m),
      null,
    );
    rows.push({
      key: x.key,
      name: x.name,
      label: x.label,
      kind: x.kind,
      events: x.events,
      visitors: x.visitors,
      shareOfConverted: t.converted ? x.touchedConverted / t.converted : 0,
      conversionTouched: effect.conversionTouched,
      conversionNotTouched: effect.conversionNotTouched,
      lift: effect.lift,
      negativeShare: worst,
      effect,
      quality,
      ...rateTouchpoint(effect, quality, x.kind),
    });
  }
  const order = <T extends { visitors: number; key: string }>(a: T, b: T) =>
    b.visitors - a.visitors || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  rows.sort(order);
  outcomes.sort(order);
  let pages = 0;
  let pagesNotShown = 0;
  const shown = rows.filter((r) => {
    if (r.kind !== 'page' || r.rating === 'annoying') return true;
    if (++pages <= PAGE_ROWS) return true;
    pagesNotShown++;
    return false;
  });
  return {
    visitors: t.visitors,
    convertedVisitors: t.converted,
    rows: shown,
    outcomes,
    pagesNotShown,
    rules: scorecardRules(o.responseStandardMinutes),
  };
}
