import { CLSThresholds, FCPThresholds, INPThresholds, LCPThresholds, TTFBThresholds } from 'web-vitals';
import type { VitalRating, VitalSummary } from '../reports/types';

/** Google's thresholds, taken from web-vitals itself so they never drift from what the SDK reports. */
export const VITAL_THRESHOLDS: Record<string, readonly [number, number]> = {
  LCP: LCPThresholds as [number, number],
  INP: INPThresholds as [number, number],
  CLS: CLSThresholds as [number, number],
  FCP: FCPThresholds as [number, number],
  TTFB: TTFBThresholds as [number, number],
};

export interface VitalSample {
  path: string;
  metric: string;
  value: number;
}

export function rate(metric: string, value: number): VitalRating {
  const t = VITAL_THRESHOLDS[metric];
  if (!t) return 'good';
  return value <= t[0] ? 'good' : value <= t[1] ? 'needs-improvement' : 'poor';
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Samples → one row per page and metric, rated by p75; unknown metrics are skipped. */
export function summarizeVitals(samples: Iterable<VitalSample>): VitalSummary[] {
  const groups = new Map<string, VitalSample[]>();
  for (const s of samples) {
    if (!VITAL_THRESHOLDS[s.metric] || !Number.isFinite(s.value)) continue;
    const k = `${s.path}\u0000${s.metric}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(s);
  }
  const out: VitalSummary[] = [];
  for (const g of groups.values()) {
    const values = g.map((s) => s.value).sort((a, b) => a - b);
    const p75 = percentile(values, 0.75);
    const counts = { good: 0, 'needs-improvement': 0, poor: 0 };
    for (const val of values) counts[rate(g[0]!.metric, val)]++;
    out.push({
      path: g[0]!.path,
      metric: g[0]!.metric,
      samples: values.length,
      p75,
      rating: rate(g[0]!.metric, p75),
      good: counts.good,
      needsImprovement: counts['needs-improvement'],
      poor: counts.poor,
    });
  }
  return out.sort(
    (a, b) => b.samples - a.samples || a.path.localeCompare(b.path) || a.metric.localeCompare(b.metric),
  );
}
