import { VITAL_METRICS, vitalIndex, vitalValue } from '../blocks';
import { pageMatches } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import type { ReportFilter, VitalSummary } from '../reports/types';
import { scanVisits } from './scan-visits';
import { percentile, rate } from './summarize-vitals';

const METRICS = VITAL_METRICS.length;

/**
 * Web vitals per page and metric (p75, rating, good / needs improvement / poor counts), from the
 * values packed in the event blocks (to 0.1 ms; CLS to 0.0001), so no props are parsed. Values are
 * grouped by page code and metric as plain numbers: a busy site sends a vital or two per pageview,
 * and an object per sample cost more than the scan itself. Order as summarizeVitals.
 */
export function scanVitalSummaries(db: Db, f: ReportFilter): VitalSummary[] {
  // key = page key × METRICS + metric (page keys may be negative: see scanVisits).
  const groups = new Map<number, number[]>();
  const scan = scanVisits(db, f, {}, ({ b, start, end, keep }, s) => {
    const { ts } = b;
    const num = b.num!;
    const sess = b.sess!;
    const path = b.path!;
    for (let i = start; i < end; i++) {
      const x = num[i]!;
      if (x >= 0) continue;
      const m = vitalIndex(x);
      if (m < 0 || ts[i]! < f.from || ts[i]! >= f.to || !keep(sess[i]!)) continue;
      const k = (path[i] === 0 ? 0 : s.key(b, path[i]!)) * METRICS + m;
      const g = groups.get(k);
      if (g) g.push(vitalValue(x));
      else groups.set(k, [vitalValue(x)]);
    }
  });
  const texts = scan.texts();
  // A page seen under two keys (a dictionary id and a dirty block's local code) is one row.
  const byText = new Map<string, { path: string; m: number; values: number[] }>();
  for (const [k, values] of groups) {
    const m = ((k % METRICS) + METRICS) % METRICS;
    const pathKey = (k - m) / METRICS;
    const path = pathKey === 0 ? '' : texts.get(pathKey);
    if (path === undefined || (f.page !== undefined && !pageMatches(path, f.page, f.pageMatch))) continue;
    const id = `${path}\u0000${m}`;
    const prev = byText.get(id);
    if (prev) for (const v of values) prev.values.push(v);
    else byText.set(id, { path, m, values });
  }
  const out: VitalSummary[] = [];
  for (const { path, m, values } of byText.values()) {
    const metric = VITAL_METRICS[m]!;
    const sorted = Float64Array.from(values).sort();
    const p75 = percentile(sorted, 0.75);
    const counts = { good: 0, 'needs-improvement': 0, poor: 0 };
    for (const v of sorted) counts[rate(metric, v)]++;
    out.push({
      path,
      metric,
      samples: sorted.length,
      p75,
      rating: rate(metric, p75),
      good: counts.good,
      needsImprovement: counts['needs-improvement'],
      poor: counts.poor,
    });
  }
  return out.sort(
    (a, b) => b.samples - a.samples || a.path.localeCompare(b.path) || a.metric.localeCompare(b.metric),
  );
}
