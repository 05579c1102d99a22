import { quantiles } from './quantile';

export interface StepReport {
  step: number;
  label: string;
  entered: number;
  /** entered / entered at step 1 (1 for step 1; 0 when nobody entered). */
  conversionFromStart: number;
  /** entered / entered at the previous step (1 for step 1). */
  conversionFromPrevious: number;
  /** Units that reached the previous step but not this one (0 for step 1). */
  dropOff: number;
  dropOffRate: number;
  /** Median and p75 ms from the previous step on the first reach of this step; null for step 1 or nobody. */
  medianMsFromPrevious: number | null;
  p75MsFromPrevious: number | null;
}

/** Per-step figures from the number of units at each level and the gaps to each step. */
export function stepReports(entered: readonly number[], gaps: readonly ArrayLike<number>[], labels: readonly string[]): StepReport[] {
  const first = entered[0] ?? 0;
  return entered.map((count, k) => {
    const prev = k === 0 ? count : entered[k - 1]!;
    const [median, p75] = quantiles(k === 0 ? [] : gaps[k - 1] ?? [], [0.5, 0.75]);
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
