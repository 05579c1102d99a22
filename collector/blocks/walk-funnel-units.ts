import type { Db } from '../db/open-database';
import { createFunnelWalker, type UnitResult } from '../funnels/funnel-walker';
import { EXCLUDE_BIT } from '../funnels/step-bits';
import type { FunnelMode, FunnelStepCondition, StepCondition } from '../model';
import { compileConditions } from './compile-conditions';
import type { EventBlock } from './event-blocks';
import { forEachEventBlock } from './for-each-event-block';

export interface FunnelRun {
  siteId: number;
  steps: readonly FunnelStepCondition[];
  exclusions?: readonly StepCondition[];
  mode: FunnelMode;
  windowMs: number;
  from: number;
  to: number;
  countBy: 'visitor' | 'session';
  /** Load session ids even when counting by visitor (breakdowns need the starting session). */
  withSessions?: boolean;
  /** Load the blocks' session dimensions (breakdowns). */
  withSessionDims?: boolean;
  /** Load event ids (`block.eid`), to name the events a unit matched. */
  withEventIds?: boolean;
}

export interface Unit {
  visitor: number;
  /** Session id when counting by session, else 0. */
  session: number;
  result: UnitResult;
  block: EventBlock;
  /** Indices (into block arrays) of the unit's funnel events, in time order: order[0..count). */
  order: Int32Array;
  count: number;
  mask: Int32Array;
}

/**
 * Streams a site's event blocks and walks every counting unit that has a step-1 event in the
 * range through the funnel engine; `onUnit` sees each such unit once (the Unit object and its
 * arrays are reused: copy what you keep). Only events in [from, to + window] are looked at.
 */
export function walkFunnelUnits(db: Db, run: FunnelRun, onUnit: (u: Unit) => void): void {
  // One read snapshot for compiling and scanning: a path the writer adds to the dictionary (and
  // packs into a block) in between would otherwise be unknown to the compiled page tables.
  db.transaction(() => walk(db, run, onUnit))();
}

function walk(db: Db, run: FunnelRun, onUnit: (u: Unit) => void): void {
  const hi = run.to + run.windowMs;
  const conds = [
    ...run.steps.map((cond, k) => ({ cond, bits: 1 << k })),
    ...(run.exclusions ?? []).map((cond) => ({ cond, bits: EXCLUDE_BIT })),
  ];
  const matcher = compileConditions(db, run.siteId, conds, run.from, hi);
  const walkUnit = createFunnelWalker({
    steps: run.steps.length,
    mode: run.mode,
    windowMs: run.windowMs,
    from: run.from,
    to: run.to,
  });
  const bySession = run.countBy === 'session';
  // A set: a column asked for twice would look missing from its packed block.
  const cols = [
    ...new Set([
      ...matcher.cols,
      ...(bySession || run.withSessions ? (['sess'] as const) : []),
      ...(run.withSessionDims ? (['sdim'] as const) : []),
      ...(run.withEventIds ? (['eid'] as const) : []),
    ]),
  ];
  let mask = new Int32Array(0);
  let order = new Int32Array(0);
  let sub = new Int32Array(0);
  const { from, to } = run;
  const canSkip = run.steps.length > 1;
  const onlyStepOne: UnitResult = {
    level: 1,
    gaps: new Float64Array(Math.max(run.steps.length - 1, 1)),
    bestStart: -1,
    completions: [],
  };
  const stepOne = (i: number): UnitResult => {
    onlyStepOne.bestStart = i;
    return onlyStepOne;
  };
  const unit: Unit = { visitor: 0, session: 0, result: undefined!, block: undefined!, order, count: 0, mask };
  forEachEventBlock(db, { siteId: run.siteId, lo: run.from, hi, cols }, (b) => {
    if (mask.length < b.n) {
      mask = new Int32Array(b.n * 2);
      order = new Int32Array(b.n * 2);
      sub = new Int32Array(b.n * 2);
    }
    matcher.mask(b, mask);
    const { ts, runs, visitors } = b;
    unit.block = b;
    unit.mask = mask;
    for (let r = 0; r < visitors.length; r++) {
      let count = 0;
      let first = -1;
      let more = 0;
      for (let i = runs[r]!, end = runs[r + 1]!; i < end; i++) {
        const m = mask[i]!;
        if (m === 0) continue;
        const t = ts[i]!;
        if (t < from || t > hi) continue;
        if (m & 1 && t < to && first < 0) first = i;
        more |= m & ~1;
        order[count++] = i;
      }
      if (first < 0) continue;
      unit.visitor = visitors[r]!;
      if (!bySession) {
        unit.session = 0;
        // Most visitors match nothing beyond step 1: they reach level 1 from their first start,
        // whatever the mode, so the walk is skipped.
        unit.result = more === 0 && canSkip ? stepOne(first) : walkUnit(ts, mask, order, count);
        if (unit.result.level > 0) {
          unit.order = order;
          unit.count = count;
          onUnit(unit);
        }
        continue;
      }
      // Sessions of one visitor do not interleave in time, but offline events (no session) may
      // sit between them: each session is walked on its own events only.
      const sess = b.sess!;
      const seen = new Set<number>();
      for (let p = 0; p < count; p++) {
        const s = sess[order[p]!]!;
        if (s === 0 || seen.has(s)) continue;
        seen.add(s);
        let c = 0;
        for (let q = p; q < count; q++) if (sess[order[q]!] === s) sub[c++] = order[q]!;
        unit.session = s;
        unit.result = walkUnit(ts, mask, sub, c);
        if (unit.result.level > 0) {
          unit.order = sub;
          unit.count = c;
          onUnit(unit);
        }
      }
    }
  });
}
