import type { StepReport } from '../reports/types';
import { quantiles } from './quantile';

/** Per-step figures from the number of units at each level and the gaps to each step. */
export function stepReports(
  entered: readonly number[],
  gaps: readonly ArrayLike<number>[],
  labels: readonly string[],
): StepReport[] {
  return stepReportsFromTimes(
    entered,
    entered.map((_, k) => (k === 0 ? [null, null] : quantiles(gaps[k - 1] ?? [], [0.5, 0.75]))),
    labels,
  );
}

/**
 * The same from each step's median and p75 time from the previous step (null for step 1 and for
 * nobody), for an engine that computes those itself (the ClickHouse one, in SQL).
 */
export function stepReportsFromTimes(
  entered: readonly number[],
  times: readonly (readonly [number | null, number | null] | readonly (number | null)[])[],
  labels: readonly string[],
): StepReport[] {
  const first = entered[0] ?? 0;
  return entered.map((count, k) => {
    const prev = k === 0 ? count : entered[k - 1]!;
    const [median, p75] = k === 0 ? [null, null] : (times[k] ?? [null, null]);
    return {
      step: k + 1,
      label: labels[k] ?? `step ${k + 1}`,
      entered: count,
      conversionFromStart: first ? count / first : 0,
      conversionFromPrevious: k === 0 ? 1 : prev ? count / prev : 0,
      dropOff: prev - count,
      dropOffRate: prev ? (prev - count) / prev : 0,
      medianMsFromPrevious: median ?? null,
      p75MsFromPrevious: p75 ?? null,
    };
  });
}
