import { EXCLUDE_BIT, stepBits } from '../../funnels/step-bits';
import {
  DIMENSIONS,
  type Dimension,
  type FunnelMode,
  type FunnelStepCondition,
  type StepCondition,
} from '../../model';
import { ident, joinSql, type Sql, sql } from '../sql';
import { anyWalk } from './any-walk-sql';
import type { ChContext } from './ch-context';
import { conditionSql, nameIn } from './condition-sql';
import { landingFirstsSql } from './landing-firsts-sql';
import { resolvedEvents, tsRange } from './site-events';

export interface FunnelUnitsRun {
  siteId: number;
  steps: readonly FunnelStepCondition[];
  exclusions?: readonly StepCondition[] | undefined;
  mode: FunnelMode;
  windowMs: number;
  from: number;
  to: number;
  countBy: 'visitor' | 'session';
  /** Also return the session dimension of the event where each unit's best attempt started. */
  breakdown?: Dimension | undefined;
  /** Also return the days (UTC offset in minutes) with a step-1 event in range and with a completed attempt. */
  trendOffsetMinutes?: number | undefined;
}

/** Low bits of a chain key that hold the start event's position in its unit (so 16 M funnel events per unit). */
const POS_BITS = 24;
const POS = 2 ** POS_BITS;
/** Subtracted at a reset so the clamped running sum restarts at zero (far beyond any key). */
const RESET = -(2n ** 62n);
const DAY = 86_400_000;

const id = (name: string) => ident(name);
/** The mask bits of the funnel's landing steps. */
const landingBits = (steps: readonly FunnelStepCondition[]): number =>
  steps.reduce((bits, c, k) => (c.landing === undefined ? bits : bits + 2 ** k), 0);
const bitSql = (k: number) => 2 ** k;

/**
 * One row per counting unit (visitor or session) that has a step-1 event in [from, to): how far it
 * got through the funnel, computed in ClickHouse with the semantics of funnels/funnel-walker.ts
 * (read its comment; this is the same walk, written with array functions). Columns: `unit`, `uv`
 * (the visitor), `level` (1..n), `g2`..`gn` (ms from step k-1 to step k on the first reach of step
 * k; meaningful when level >= k), `bestTs` / `bestSeq` (the step-1 event of the attempt that first
 * reached `level`), `bestDim` with a breakdown, `eDays` / `cDays` with a trend.
 *
 * A unit's events (those matching any step or exclusion, in [from, to + window]) are sorted by
 * (ts, spool name id, spool row id): the SQLite engine's order, so ties within a millisecond go
 * the same way. Ordered and strict mode keep, per level, the key of the latest-started chain
 * (start time << 24 | start position) as one array over the unit's events: a new chain replaces
 * the old one only with a later start, so "the chain at each event" is a running maximum (reset
 * to zero where an exclusion or, in strict mode, an unmatched funnel event breaks it), which
 * arrayCumSumNonNegative computes in one pass. No lambda captures a unit-long array: ClickHouse
 * copies a captured column once per element, which would make a busy unit quadratic.
 * Any-order mode follows each surviving attempt instead (steps filled in rounds).
 */
export function funnelUnitsSql(ctx: ChContext, run: FunnelUnitsRun): Sql {
  const n = run.steps.length;
  if (n < 1 || n > 10) throw new RangeError('a funnel has 1 to 10 steps');
  const span = run.to - run.from + run.windowMs;
  if (!(span >= 0) || span >= 2 ** (62 - POS_BITS))
    throw new RangeError('funnel range plus window is too long for ClickHouse keys (over 8 years)');
  const conds = [...run.steps, ...(run.exclusions ?? [])];
  const names = [...new Set(conds.flatMap((c) => c.names ?? ['pageview']))];
  const maskParts = run.steps.map((c, k) => sql`if(${conditionSql(c)}, ${bitSql(k)}, 0)`);
  const hasEx = (run.exclusions?.length ?? 0) > 0;
  if (hasEx)
    maskParts.push(sql`if(${joinSql(run.exclusions!.map(conditionSql), ' OR ')}, ${EXCLUDE_BIT}, 0)`);
  const mask = sql`toUInt32(${maskParts.reduce((a, b) => sql`${a} + ${b}`)})`;
  const dimCol = run.breakdown ? ident(DIMENSIONS[run.breakdown]) : null;
  const landing = landingBits(run.steps);
  const cols = sql`ts, name_id, seq, session, ${mask} AS ${landing ? sql`mask0` : sql`mask`}${dimCol ? sql`, ${dimCol} AS dim` : sql``}`;
  const where = sql`${tsRange(run.from, run.to + run.windowMs + 1)} AND ${nameIn(names)}`;
  const bySession = run.countBy === 'session';
  // A landing step's bit stays only on its session's first pageview. Outside the UNION ALL of
  // resolvedEvents: 18.16 rejects an IN computed inside its branches (condition-sql.ts).
  const maskCol = landing
    ? sql`if(bitAnd(mask0, ${landing}) = 0 OR (session, ts, seq) IN ${landingFirstsSql(ctx, run.siteId, run.from, run.to + run.windowMs + 1)},
        mask0, bitAnd(mask0, ${0xffff_ffff - landing})) AS mask`
    : sql`mask`;
  const rows = sql`SELECT ${bySession ? sql`session` : sql`v`} AS unit, v, ts, name_id, seq, ${maskCol}${dimCol ? sql`, dim` : sql``}
    FROM ${resolvedEvents(ctx, run.siteId, cols, where)}
    WHERE mask != 0${bySession ? sql` AND session != 0` : sql``}`;
  // Sorting the tuples sorts by (ts, name_id, seq): the walk's order.
  const units = sql`SELECT unit, any(v) AS uv, arraySort(groupArray((ts, name_id, seq, mask${dimCol ? sql`, dim` : sql``}))) AS ev,
      groupBitOr(mask) AS bits
    FROM (${rows}) GROUP BY unit
    HAVING countIf(bitAnd(mask, 1) != 0 AND ts >= ${run.from} AND ts < ${run.to}) > 0`;
  const layers = run.mode === 'any' && n > 1 ? anyWalk(run, n, hasEx) : chainWalk(run, n, hasEx);
  const off = (run.trendOffsetMinutes ?? 0) * 60_000 + run.from;
  const trend =
    run.trendOffsetMinutes === undefined
      ? sql``
      : sql`, arrayDistinct(arrayMap(r -> intDiv(r + ${off}, ${DAY}), arrayFilter((r, a) -> a, rt, s1))) AS eDays,
        arrayDistinct(arrayMap(r -> intDiv(r + ${off}, ${DAY}), cStarts)) AS cDays`;
  const gaps = Array.from({ length: n - 1 }, (_, i) => sql`${id(`g${i + 2}`)}`);
  const base = sql`SELECT unit, uv, ev, bits,
      arrayMap(x -> tupleElement(x, 1) - ${run.from}, ev) AS rt,
      arrayMap(x -> tupleElement(x, 4), ev) AS m,
      arrayMap((x, r) -> bitAnd(x, 1) != 0 AND r < ${run.to - run.from}, m, rt) AS s1,
      -- Units that match nothing beyond step 1 reach level 1 from their first start: no walk.
      bitAnd(bits, ${stepBits(n) & ~1}) != 0 AS walks,
      if(walks, rt, emptyArrayInt64()) AS wt,
      if(walks, m, emptyArrayUInt32()) AS wm,
      arrayEnumerate(wt) AS wi
      ${hasEx ? sql`, arrayMap(x -> bitAnd(x, ${EXCLUDE_BIT}) != 0, wm) AS wx` : sql``}
    FROM (${units})`;
  // One subquery per layer: 18.16 expands aliases into every expression that names them, so one
  // long chain of aliases in a single SELECT takes seconds to analyse; a subquery's columns are
  // computed once and named plainly.
  const walked = layers.reduce((q, layer) => sql`SELECT *, ${joinSql(layer, ',\n      ')} FROM (${q})`, base);
  // The step-1 event of the best attempt, by its position in ev.
  return sql`SELECT unit, uv, level${gaps.length ? sql`, ${joinSql(gaps, ', ')}` : sql``},
      tupleElement(ev[bestPos], 1) AS bestTs, tupleElement(ev[bestPos], 3) AS bestSeq
      ${dimCol ? sql`, tupleElement(ev[bestPos], 5) AS bestDim` : sql``}${trend}
    FROM (${walked})`;
}

/** Ordered and strict mode: one running chain key per level (see funnelUnitsSql), a layer per level. */
function chainWalk(run: FunnelUnitsRun, n: number, hasEx: boolean): Sql[][] {
  const strict = run.mode === 'strict';
  const W = run.windowMs;
  const TF = run.to - run.from;
  // Level 1: each in-range step-1 event starts a chain keyed by its own time and position.
  const layers: Sql[][] = [
    [sql`arrayMap((x, r, i) -> if(bitAnd(x, 1) != 0 AND r < ${TF}, r * ${POS} + i, 0), wm, wt, wi) AS x1`],
  ];
  for (let k = 1; k < n; k++) {
    const out: Sql[] = [];
    const x = id(`x${k}`);
    const S = id(`S${k}`);
    const E = id(`E${k}`);
    // S = the chain key after each event, from the keys set there: a running maximum that an
    // exclusion resets (ordered); in strict mode every event sets every level, so S = x.
    if (strict) out.push(sql`${x} AS ${S}`);
    else {
      const nx = id(`nx${k}`);
      out.push(sql`arrayMap(v -> -v, ${x}) AS ${nx}`);
      const diff = hasEx
        ? sql`arrayMap((d, e) -> if(e, ${RESET}, d), arrayDifference(${nx}), wx)`
        : sql`arrayDifference(${nx})`;
      out.push(sql`arrayMap((a, u) -> u - a, ${nx}, arrayCumSumNonNegative(${diff})) AS ${S}`);
    }
    // E = the chain key an event sees before it is applied: the previous event's S, cleared by an exclusion.
    const shifted = sql`arrayPopBack(arrayPushFront(${S}, toInt64(0)))`;
    out.push(
      hasEx ? sql`arrayMap((s, e) -> if(e, toInt64(0), s), ${shifted}, wx) AS ${E}` : sql`${shifted} AS ${E}`,
    );
    const next = k + 1;
    const adv = id(`adv${next}`);
    // Step k+1 advances the chain at level k when it is within the window of that chain's start.
    out.push(
      sql`arrayMap((x, e, r) -> bitAnd(x, ${bitSql(k)}) != 0 AND e != 0 AND r - bitShiftRight(e, ${POS_BITS}) <= ${W}, wm, ${E}, wt) AS ${adv}`,
    );
    out.push(sql`indexOf(${adv}, 1) AS ${id(`f${next}`)}`);
    if (next < n) out.push(sql`arrayMap((a, e) -> if(a, e, toInt64(0)), ${adv}, ${E}) AS ${id(`x${next}`)}`);
    layers.push(out);
  }
  // Start times of the chains that completed the funnel (a chain may complete more than once).
  const starts =
    n === 1
      ? sql`arrayFilter((r, a) -> a, rt, s1)`
      : sql`arrayMap(e -> bitShiftRight(e, ${POS_BITS}), arrayFilter((e, a) -> a, ${id(`E${n - 1}`)}, ${id(`adv${n}`)}))`;
  layers.push([...levelAndGaps(n), sql`${starts} AS cStarts`]);
  return layers;
}

/** level, g2..gn and bestPos from the first-reach positions f2..fn of a chain walk. */
function levelAndGaps(n: number): Sql[] {
  const parts: Sql[] = [];
  const levels: Sql[] = [];
  for (let k = n; k >= 2; k--) levels.push(sql`${id(`f${k}`)} > 0, ${k}`);
  parts.push(
    levels.length ? sql`toUInt8(multiIf(${joinSql(levels, ', ')}, 1)) AS level` : sql`toUInt8(1) AS level`,
  );
  for (let k = 2; k <= n; k++) {
    const f = id(`f${k}`);
    // From the previous step's time on the chain that reached step k: its start for step 2, else
    // the latest event that moved a chain to step k-1 before (the walker's `at`).
    const prev =
      k === 2
        ? sql`bitShiftRight(${id('E1')}[${f}], ${POS_BITS})`
        : sql`wt[${f} - indexOf(arrayReverse(arraySlice(${id(`adv${k - 1}`)}, 1, ${f} - 1)), 1)]`;
    parts.push(sql`if(${f} > 0, wt[${f}] - ${prev}, toInt64(0)) AS ${id(`g${k}`)}`);
  }
  const best: Sql[] = [];
  for (let k = n; k >= 2; k--)
    best.push(sql`level = ${k}, toUInt32(bitAnd(${id(`E${k - 1}`)}[${id(`f${k}`)}], ${POS - 1}))`);
  parts.push(
    n === 1
      ? sql`toUInt32(indexOf(s1, 1)) AS bestPos`
      : sql`multiIf(${joinSql(best, ', ')}, toUInt32(indexOf(s1, 1))) AS bestPos`,
  );
  return parts;
}
