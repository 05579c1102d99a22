import { sessionDimCode, walkFunnelUnits } from '../blocks';
import type { Db } from '../db/open-database';
import { dayLabel, dayNumber } from '../funnels/day-number';
import { MIN_GROUP } from '../funnels/min-group';
import { NumberList } from '../funnels/number-list';
import { stepLabel } from '../funnels/step-label';
import { stepReports } from '../funnels/step-report';
import { weakestLink } from '../funnels/weakest-link';
import { DIMENSION_COUNT, dimensionIndex } from '../model';
import type { FunnelQuery, FunnelResult } from '../reports/types';

const rate = (a: number, b: number) => (b ? a / b : 0);

/**
 * A funnel over a site's events (semantics: collector/funnels/funnel-walker.ts). Per step: units
 * entered, conversion from start and from the previous step, drop-off, median/p75 time from the
 * previous step; the weakest link; optional breakdown by the session where the unit's best
 * attempt started, previous-period comparison and daily trend (by the attempt's start day).
 */
export function getFunnel(db: Db, q: FunnelQuery): FunnelResult {
  const n = q.steps.length;
  const mode = q.mode ?? 'ordered';
  const countBy = q.countBy ?? 'visitor';
  const entered = new Array<number>(n).fill(0);
  const gaps = Array.from({ length: n - 1 }, () => new NumberList());
  // Breakdown groups by dictionary code of the starting session's value; values of blocks read
  // from rows (negative local codes) and null group by text.
  const dim = q.breakdown ? dimensionIndex(q.breakdown) : -1;
  const dimCode = sessionDimCode; // local: tsx may compile imports to getters, called per unit
  const byCode = new Map<number, number[]>();
  const byText = new Map<string | null, number[]>();
  const wantTrend = q.trend ?? true;
  const off = q.utcOffsetMinutes ?? 0;
  // Trend by day index from the range's first day; a unit counts once per day, which the stamp
  // arrays (last unit seen on each day) check without a Set per unit.
  const dayOf = dayNumber;
  const day0 = dayOf(q.from, off);
  const nDays = wantTrend ? Math.max(0, dayOf(q.to - 1, off) - day0 + 1) : 0;
  const dayEntered = new Int32Array(nDays);
  const dayConverted = new Int32Array(nDays);
  const seenEntered = new Int32Array(nDays);
  const seenConverted = new Int32Array(nDays);
  let unitNo = 0;
  const run = {
    siteId: q.siteId,
    steps: q.steps,
    exclusions: q.exclusions,
    mode,
    windowMs: q.windowMs,
    countBy,
    from: q.from,
    to: q.to,
    withSessions: !!q.breakdown,
    withSessionDims: !!q.breakdown,
  };

  walkFunnelUnits(db, run, (u) => {
    const r = u.result;
    for (let k = 0; k < r.level; k++) entered[k]!++;
    for (let k = 1; k < r.level; k++) gaps[k - 1]!.push(r.gaps[k - 1]!);
    if (dim >= 0) {
      const b = u.block;
      const s = u.session || b.sess![r.bestStart]!;
      const code = s > 0 ? dimCode(b.sdim!, dim, s, DIMENSION_COUNT) : 0;
      const levels =
        code > 0 ? group(byCode, code, n) : group(byText, code < 0 ? b.localPaths!.get(code)! : null, n);
      for (let k = 0; k < r.level; k++) levels[k]!++;
    }
    if (wantTrend) {
      unitNo++;
      const { ts } = u.block;
      const { order, mask } = u;
      for (let p = 0; p < u.count; p++) {
        const i = order[p]!;
        const t = ts[i]!;
        if (!(mask[i]! & 1) || t < q.from || t >= q.to) continue;
        const d = dayOf(t, off) - day0;
        if (seenEntered[d] !== unitNo) {
          seenEntered[d] = unitNo;
          dayEntered[d]!++;
        }
      }
      for (const t of r.completions) {
        const d = dayOf(t, off) - day0;
        if (seenConverted[d] !== unitNo) {
          seenConverted[d] = unitNo;
          dayConverted[d]!++;
        }
      }
    }
  });

  const steps = stepReports(
    entered,
    gaps.map((g) => g.values()),
    q.steps.map(stepLabel),
  );
  const result: FunnelResult = {
    from: q.from,
    to: q.to,
    mode,
    countBy,
    windowMs: q.windowMs,
    steps,
    weakest: weakestLink(
      entered,
      steps.map((x) => x.label),
      countBy === 'session' ? 'sessions' : 'visitors',
    ),
    conversion: rate(entered[n - 1]!, entered[0]!),
  };
  if (q.breakdown) result.breakdown = { by: q.breakdown, groups: breakdownGroups(db, byCode, byText, n) };
  if (q.compare) {
    const len = q.to - q.from;
    const prev = getFunnel(db, {
      ...q,
      from: q.from - len,
      to: q.from,
      compare: false,
      breakdown: undefined,
      trend: false,
    });
    const prevEntered = prev.steps.map((s) => s.entered);
    result.comparison = {
      from: prev.from,
      to: prev.to,
      entered: prevEntered,
      conversion: prev.conversion,
      change: result.conversion - prev.conversion,
    };
  }
  if (wantTrend) {
    result.trend = [];
    for (let d = 0; d < nDays; d++) {
      const e = dayEntered[d]!;
      const c = dayConverted[d]!;
      if (e || c)
        result.trend.push({ day: dayLabel(day0 + d), entered: e, converted: c, conversion: rate(c, e) });
    }
  }
  return result;
}

function group<K>(groups: Map<K, number[]>, key: K, n: number): number[] {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = new Array<number>(n).fill(0)));
  return g;
}

/** Resolves dictionary codes to their text and merges them with the groups already keyed by text. */
function breakdownGroups(
  db: Db,
  byCode: Map<number, number[]>,
  byText: Map<string | null, number[]>,
  n: number,
) {
  const text = new Map(
    db
      .prepare('SELECT id, path FROM funnel_paths WHERE id IN (SELECT value FROM json_each(?))')
      .raw(true)
      .all(JSON.stringify([...byCode.keys()])) as [number, string][],
  );
  for (const [code, levels] of byCode) {
    const g = group(byText, text.get(code) ?? null, n);
    for (let k = 0; k < n; k++) g[k]! += levels[k]!;
  }
  return (
    [...byText.entries()]
      .map(([value, e]) => ({
        value,
        entered: e,
        conversion: rate(e[n - 1]!, e[0]!),
        tooSmall: e[0]! < MIN_GROUP,
      }))
      // Largest first; ties by value, unset last, so the order never depends on how blocks were read.
      .sort(
        (a, b) =>
          b.entered[0]! - a.entered[0]! ||
          (a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
      )
  );
}
