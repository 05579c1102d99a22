import { createFunnelWalker, type UnitResult } from '../../../collector/funnels/funnel-walker';
import { EXCLUDE_BIT } from '../../../collector/funnels/step-bits';
import type { WalkOptions } from '../../../collector/funnels/walk-options';

/** One hand-written event: minute offset, steps (1-based) it matches, exclusion or not. */
export type E = [minute: number, steps: number[], exclude?: boolean];

export const MIN = 60_000;

export function maskOf(steps: number[], exclude = false): number {
  return steps.reduce((m, s) => m | (1 << (s - 1)), exclude ? EXCLUDE_BIT : 0);
}

/** Walks hand-written events through the engine, with defaults for anything not given. */
export function walk(events: E[], o: Partial<WalkOptions> & { steps: number }): UnitResult {
  const ts = events.map((e) => e[0] * MIN);
  const mask = events.map((e) => maskOf(e[1], e[2]));
  const opts: WalkOptions = { mode: 'ordered', windowMs: 60 * MIN, from: 0, to: 1e15, ...o };
  const r = createFunnelWalker(opts)(
    ts,
    mask,
    events.map((_, i) => i),
    events.length,
  );
  return { ...r, gaps: r.gaps.slice(), completions: [...r.completions] };
}
