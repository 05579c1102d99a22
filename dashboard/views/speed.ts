import type { VitalSummary } from '../../collector/reports/types';
import { api } from '../api';
import { h } from '../dom';
import { fmtDuration, fmtInt } from '../format';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import type { View } from './view';

const RATING_LABEL: Record<string, string> = {
  good: 'good',
  'needs-improvement': 'needs improvement',
  poor: 'poor',
  wow: 'wow',
  ok: 'ok',
  annoying: 'annoying',
};
/** What each metric means to someone who never read web.dev. */
export const METRIC_MEANING: Record<string, string> = {
  LCP: 'main content shown',
  INP: 'reaction to a click or tap',
  CLS: 'layout jumping around (score)',
  FCP: 'first content shown',
  TTFB: 'server answered',
};
// Seconds keep a decimal below 10 s: 2.4 s (good) and 2.6 s (needs improvement) must not both read "3 s".
const fmtValue = (v: VitalSummary) =>
  v.metric === 'CLS'
    ? v.p75.toFixed(2)
    : v.p75 >= 1000 && v.p75 < 10_000
      ? `${(v.p75 / 1000).toFixed(1)} s`
      : fmtDuration(v.p75);
const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '—');

/** A coloured badge; the class comes from a fixed set, the text is the rating as text. */
export function ratingBadge(rating: string): HTMLElement {
  const known = RATING_LABEL[rating] !== undefined;
  return h('span', { class: known ? `rating rating-${rating}` : 'rating' }, RATING_LABEL[rating] ?? rating);
}

/** Web vitals per page, rated by their 75th percentile like Google does. */
export const speedView: View = async (root, { state, site }) => {
  const rows = await api<VitalSummary[]>(`/api/sites/${encodeURIComponent(site.publicId)}/page-speed`, {
    query: rangeQuery(state),
  });
  root.append(
    h(
      'p',
      { class: 'muted intro' },
      'How fast each page felt to real visitors. A page is rated good, needs improvement or poor by what 75% of its visits got at least, as Google does. Add ',
      h('code', {}, 'data-vitals'),
      ' to the script tag to measure.',
    ),
    dataTable({
      title: 'Web vitals by page',
      rows,
      csvName: `page-speed-${site.publicId}`,
      empty:
        'No page speed measurements in this range. Add data-vitals to the script tag (see Setup) and they arrive with the next visits.',
      columns: [
        { key: 'path', label: 'Page', value: (r) => r.path || '(unknown)' },
        {
          key: 'metric',
          label: 'Metric',
          value: (r) => r.metric,
          cell: (r) =>
            h(
              'span',
              { class: 'tp-name' },
              r.metric,
              METRIC_MEANING[r.metric] ? h('span', { class: 'tp-note' }, METRIC_MEANING[r.metric]) : null,
            ),
        },
        {
          key: 'rating',
          label: 'Rating',
          value: (r) => RATING_LABEL[r.rating] ?? r.rating,
          cell: (r) => ratingBadge(r.rating),
        },
        { key: 'p75', label: '75% of visits within', value: (r) => r.p75, format: fmtValue, numeric: true },
        {
          key: 'good',
          label: 'Good',
          value: (r) => r.good,
          format: (r) => pct(r.good, r.samples),
          numeric: true,
        },
        {
          key: 'needsImprovement',
          label: 'Needs improvement',
          value: (r) => r.needsImprovement,
          format: (r) => pct(r.needsImprovement, r.samples),
          numeric: true,
        },
        {
          key: 'poor',
          label: 'Poor',
          value: (r) => r.poor,
          format: (r) => pct(r.poor, r.samples),
          numeric: true,
        },
        {
          key: 'samples',
          label: 'Samples',
          value: (r) => r.samples,
          format: (r) => fmtInt(r.samples),
          numeric: true,
        },
      ],
      rowClass: (r) => `rated-${r.rating}`,
    }),
  );
};
