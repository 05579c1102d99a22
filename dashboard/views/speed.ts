import type { PageSpeedRow, PageVital, VitalSummary } from '../../collector/reports/types';
import { api } from '../api';
import { h } from '../dom';
import { fmtDuration, fmtInt, fmtNumber, fmtPct } from '../format';
import { hasKey, t } from '../i18n';
import { ratingBadge, ratingLabel } from '../rating-badge';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import { codeText } from '../touchpoint-label';
import type { View } from './view';

/** What each metric means to someone who never read web.dev (`metric.LCP` …). */
export const metricMeaning = (metric: string): string | null => {
  const key = `metric.${metric}`;
  return hasKey(key) ? t(key) : null;
};

// Seconds keep a decimal below 10 s: 2.4 s (good) and 2.6 s (needs improvement) must not both read "3 s".
export const fmtVital = (metric: string, p75: number): string =>
  metric === 'CLS'
    ? fmtNumber(p75, 2)
    : p75 >= 1000 && p75 < 10_000
      ? t('unit.s', { n: fmtNumber(p75 / 1000, 1) })
      : fmtDuration(p75);
const pct = (n: number, of: number) => (of ? fmtPct(n / of) : '—');

/** Web vitals per page, rated by their 75th percentile like Google does. */
export const speedView: View = async (root, { state, site }) => {
  const base = `/api/sites/${encodeURIComponent(site.publicId)}`;
  const [pages, rows] = await Promise.all([
    api<PageSpeedRow[]>(`${base}/page-speed-pages`, { query: rangeQuery(state) }),
    api<VitalSummary[]>(`${base}/page-speed`, { query: rangeQuery(state) }),
  ]);
  const vital = (metric: 'LCP' | 'INP' | 'CLS', get: (r: PageSpeedRow) => PageVital | null) => ({
    key: metric.toLowerCase(),
    label: metric,
    value: (r: PageSpeedRow) => get(r)?.p75 ?? null,
    cell: (r: PageSpeedRow) => {
      const v = get(r);
      return v
        ? h('span', { class: `vital rated-${v.rating}` }, fmtVital(metric, v.p75))
        : document.createTextNode('—');
    },
    numeric: true,
  });
  root.append(
    h('p', { class: 'muted intro' }, t('speed.intro')),
    dataTable({
      title: t('speed.pages'),
      rows: pages,
      csvName: `page-speed-pages-${site.publicId}`,
      empty: t('speed.empty'),
      columns: [
        {
          key: 'path',
          label: t('col.page'),
          value: (r) => r.path,
          cell: (r) => codeText(r.path, 'path'),
        },
        {
          key: 'rating',
          label: t('col.rating'),
          value: (r) => ratingLabel(r.rating),
          cell: (r) => ratingBadge(r.rating),
        },
        vital('LCP', (r) => r.lcp),
        vital('INP', (r) => r.inp),
        vital('CLS', (r) => r.cls),
        {
          key: 'samples',
          label: t('col.samples'),
          value: (r) => r.samples,
          format: (r) => fmtInt(r.samples),
          numeric: true,
          optional: true,
        },
      ],
      rowClass: (r) => `rated-${r.rating}`,
    }),
    dataTable({
      title: t('speed.byPage'),
      rows,
      csvName: `page-speed-${site.publicId}`,
      empty: t('speed.empty'),
      columns: [
        {
          key: 'path',
          label: t('col.page'),
          value: (r) => r.path || t('speed.unknownPage'),
          cell: (r) => (r.path ? codeText(r.path, 'path') : document.createTextNode(t('speed.unknownPage'))),
        },
        {
          key: 'metric',
          label: t('col.metric'),
          value: (r) => r.metric,
          cell: (r) =>
            h(
              'span',
              { class: 'tp-name' },
              r.metric,
              metricMeaning(r.metric) ? h('span', { class: 'tp-note' }, metricMeaning(r.metric)) : null,
            ),
        },
        {
          key: 'rating',
          label: t('col.rating'),
          value: (r) => ratingLabel(r.rating),
          cell: (r) => ratingBadge(r.rating),
        },
        {
          key: 'p75',
          label: t('speed.p75'),
          value: (r) => r.p75,
          format: (r) => fmtVital(r.metric, r.p75),
          numeric: true,
        },
        {
          key: 'good',
          label: t('rating.good'),
          value: (r) => r.good,
          format: (r) => pct(r.good, r.samples),
          numeric: true,
          optional: true,
        },
        {
          key: 'needsImprovement',
          label: t('rating.needsImprovement'),
          value: (r) => r.needsImprovement,
          format: (r) => pct(r.needsImprovement, r.samples),
          numeric: true,
          optional: true,
        },
        {
          key: 'poor',
          label: t('rating.poor'),
          value: (r) => r.poor,
          format: (r) => pct(r.poor, r.samples),
          numeric: true,
          optional: true,
        },
        {
          key: 'samples',
          label: t('col.samples'),
          value: (r) => r.samples,
          format: (r) => fmtInt(r.samples),
          numeric: true,
          optional: true,
        },
      ],
      rowClass: (r) => `rated-${r.rating}`,
    }),
  );
};
