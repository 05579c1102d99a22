import type { PageSpeedRow, PageVital, VitalRating, VitalSummary } from '../reports/types';
import { VITAL_THRESHOLDS } from './summarize-vitals';

const RANK: Record<VitalRating, number> = { good: 0, 'needs-improvement': 1, poor: 2 };
const CORE = { lcp: 'LCP', inp: 'INP', cls: 'CLS' } as const;

/**
 * Per-page-and-metric summaries → one row per page with its Core Web Vitals (LCP, INP, CLS) at
 * p75 and the worst of their ratings as the page's badge. Worst first: by badge, then by how far
 * the worst p75 is past its "good" threshold, then by samples. Pages with none of the three are
 * left out (FCP and TTFB stay in the per-metric report).
 */
export function pageSpeedRows(summaries: readonly VitalSummary[]): PageSpeedRow[] {
  const pages = new Map<string, Partial<Record<keyof typeof CORE, PageVital>>>();
  for (const s of summaries) {
    const key = (Object.keys(CORE) as (keyof typeof CORE)[]).find((k) => CORE[k] === s.metric);
    if (!key) continue;
    const page = pages.get(s.path) ?? pages.set(s.path, {}).get(s.path)!;
    page[key] = { p75: s.p75, rating: s.rating, samples: s.samples };
  }
  const rows = [...pages].map(([path, v]) => {
    const present = [v.lcp, v.inp, v.cls].filter((x): x is PageVital => !!x);
    const rating = present.reduce<VitalRating>((w, x) => (RANK[x.rating] > RANK[w] ? x.rating : w), 'good');
    const over = Math.max(
      ...(Object.keys(CORE) as (keyof typeof CORE)[]).map((k) =>
        v[k] ? v[k].p75 / VITAL_THRESHOLDS[CORE[k]]![0] : 0,
      ),
    );
    const row: PageSpeedRow = {
      path,
      lcp: v.lcp ?? null,
      inp: v.inp ?? null,
      cls: v.cls ?? null,
      rating,
      samples: Math.max(...present.map((x) => x.samples)),
    };
    return { row, over };
  });
  return rows
    .sort(
      (a, b) =>
        RANK[b.row.rating] - RANK[a.row.rating] ||
        b.over - a.over ||
        b.row.samples - a.row.samples ||
        (a.row.path < b.row.path ? -1 : a.row.path > b.row.path ? 1 : 0),
    )
    .map((x) => x.row);
}
