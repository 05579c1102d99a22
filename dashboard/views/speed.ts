import { api } from '../api';
import { h } from '../dom';
import { fmtDuration, fmtInt } from '../format';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import type { View } from './view';

interface Vital { path: string; metric: string; samples: number; p75: number; rating: string; good: number; needsImprovement: number; poor: number }

const RATING_LABEL: Record<string, string> = { good: 'good', 'needs-improvement': 'needs improvement', poor: 'poor', wow: 'wow', ok: 'ok', annoying: 'annoying' };
const fmtValue = (v: Vital) => (v.metric === 'CLS' ? v.p75.toFixed(3) : fmtDuration(v.p75));
const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '—');

/** A coloured badge; the class comes from a fixed set, the text is the rating as text. */
export function ratingBadge(rating: string): HTMLElement {
  const known = RATING_LABEL[rating] !== undefined;
  return h('span', { class: known ? `rating rating-${rating}` : 'rating' }, RATING_LABEL[rating] ?? rating);
}

/** Web vitals per page, rated by their 75th percentile like Google does. */
export const speedView: View = async (root, { state, site }) => {
  const rows = await api<Vital[]>(`/api/sites/${encodeURIComponent(site.publicId)}/page-speed`, { query: rangeQuery(state) });
  root.append(
    h('p', { class: 'muted intro' }, 'Each page is rated by the 75th percentile of what real visitors experienced (LCP, INP, CLS, FCP, TTFB). Add ', h('code', {}, 'data-vitals'), ' to the script tag to measure.'),
    dataTable({
      title: 'Web vitals by page', rows, csvName: `page-speed-${site.publicId}`,
      empty: 'No web vitals in this range.',
      columns: [
        { key: 'path', label: 'Page', value: (r) => r.path || '(unknown)' },
        { key: 'metric', label: 'Metric', value: (r) => r.metric },
        { key: 'p75', label: 'p75', value: (r) => r.p75, format: fmtValue, numeric: true },
        { key: 'rating', label: 'Rating', value: (r) => RATING_LABEL[r.rating] ?? r.rating, cell: (r) => ratingBadge(r.rating) },
        { key: 'good', label: 'Good', value: (r) => r.good, format: (r) => pct(r.good, r.samples), numeric: true },
        { key: 'needsImprovement', label: 'Needs impr.', value: (r) => r.needsImprovement, format: (r) => pct(r.needsImprovement, r.samples), numeric: true },
        { key: 'poor', label: 'Poor', value: (r) => r.poor, format: (r) => pct(r.poor, r.samples), numeric: true },
        { key: 'samples', label: 'Samples', value: (r) => r.samples, format: (r) => fmtInt(r.samples), numeric: true },
      ],
      rowClass: (r) => `rated-${r.rating}`,
    }),
  );
};
