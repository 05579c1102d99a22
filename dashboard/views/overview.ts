import type { Overview, Timeseries, TouchpointCount } from '../../collector/reports/types';
import { api } from '../api';
import { chart } from '../chart';
import { h } from '../dom';
import { fmtChange, fmtInt } from '../format';
import { rangeQuery } from '../state';
import { dataTable } from '../table';
import { touchpointCell } from '../touchpoint-label';
import type { View } from './view';

/** `GET overview?compare=1` adds the previous period of the same length. */
interface OverviewAnswer extends Overview {
  previous?: Overview & { from: number; to: number };
}

const STATS: { key: keyof Omit<Overview, 'byKind'>; label: string }[] = [
  { key: 'visitors', label: 'Visitors' },
  { key: 'sessions', label: 'Sessions' },
  { key: 'pageviews', label: 'Pageviews' },
  { key: 'touchpoints', label: 'Touchpoints' },
];

/** Visitors, sessions, touchpoints by kind, a trend chart, and the change against the previous period. */
export const overviewView: View = async (root, { state, site }) => {
  const base = `/api/sites/${encodeURIComponent(site.publicId)}`;
  const q = rangeQuery(state);
  const from = Number(q.from);
  const to = Number(q.to);
  const [o, ts, before] = await Promise.all([
    api<OverviewAnswer>(`${base}/overview`, { query: { ...q, compare: state.compare ? 1 : undefined } }),
    api<Timeseries>(`${base}/timeseries`, { query: q }),
    // The period of the same length right before, drawn dashed under the current one.
    state.compare
      ? api<Timeseries>(`${base}/timeseries`, { query: { ...q, from: from - (to - from), to: from } })
      : null,
  ]);
  const prev = o.previous;
  const stats = h(
    'section',
    { class: 'stats', 'aria-label': 'Totals' },
    STATS.map(({ key, label }) => {
      const change = prev ? fmtChange(o[key], prev[key]) : '';
      return h(
        'div',
        { class: 'stat card', 'data-stat': key },
        h('span', { class: 'stat-label' }, label),
        h('strong', { class: 'stat-value' }, fmtInt(o[key])),
        prev
          ? h(
              'span',
              {
                class: `stat-change ${change.startsWith('−') ? 'down' : change ? 'up' : ''}`,
                'data-previous': prev[key],
              },
              change || '±0%',
              ` vs ${fmtInt(prev[key])} in the previous period`,
            )
          : null,
      );
    }),
  );
  const trend = h(
    'section',
    { class: 'card' },
    h('h3', {}, before ? 'Trend, with the previous period dashed' : 'Trend'),
    chart({
      x: ts.t,
      series: [
        { label: 'Visitors', values: ts.visitors },
        { label: 'Pageviews', values: ts.pageviews },
        { label: 'Touchpoints', values: ts.touchpoints },
        ...(before
          ? [
              {
                label: 'Visitors before',
                values: ts.t.map((_, i) => before.visitors[i] ?? null),
                color: '#93c5fd',
                dash: [6, 4],
              },
              {
                label: 'Touchpoints before',
                values: ts.t.map((_, i) => before.touchpoints[i] ?? null),
                color: '#fdba74',
                dash: [6, 4],
              },
            ]
          : []),
      ],
      fmt: (v) => fmtInt(v),
      label: 'Visitors, pageviews and touchpoints over time',
    }),
  );
  const prevCount = new Map(prev?.byKind.map((k) => [k.name, k.count]) ?? []);
  const kinds = dataTable({
    title: 'Touchpoints by kind',
    csvName: `touchpoints-${site.publicId}`,
    rows: o.byKind,
    columns: [
      { key: 'name', label: 'Touchpoint', value: (r) => r.name, cell: (r) => touchpointCell(r.name) },
      { key: 'count', label: 'Count', value: (r) => r.count, format: (r) => fmtInt(r.count), numeric: true },
      {
        key: 'visitors',
        label: 'Visitors',
        value: (r) => r.visitors,
        format: (r) => fmtInt(r.visitors),
        numeric: true,
      },
      ...(prev
        ? [
            {
              key: 'change',
              label: 'vs previous',
              value: (r: TouchpointCount) => fmtChange(r.count, prevCount.get(r.name) ?? 0),
              numeric: true,
            },
          ]
        : []),
    ],
    empty:
      'Nothing in this range yet. Pick a longer range, or check Setup that the script tag is on your pages.',
  });
  root.append(stats, trend, kinds);
};
