import type { Engagement, Overview, Timeseries, TouchpointCount } from '../../collector/reports/types';
import { api } from '../api';
import { chart } from '../chart';
import { h } from '../dom';
import { fmtChange, fmtDuration, fmtInt, fmtNumber, fmtPct } from '../format';
import { type MessageKey, t } from '../i18n';
import { comparisonRange } from '../range';
import { navigate, rangeOf, rangeQuery } from '../state';
import { dataTable } from '../table';
import { touchpointCell, touchpointLabel } from '../touchpoint-label';
import { futureAsGaps } from '../trend-values';
import { overviewConversions } from './overview-conversions';
import { statCard } from './stat-card';
import { hasDetail, touchpointDetail } from './touchpoint-detail';
import type { View } from './view';

const STATS: { key: keyof Omit<Overview, 'byKind'>; label: MessageKey }[] = [
  { key: 'visitors', label: 'overview.visitors' },
  { key: 'sessions', label: 'overview.sessions' },
  { key: 'pageviews', label: 'overview.pageviews' },
  { key: 'touchpoints', label: 'overview.touchpoints' },
];

let detailClicked = false;

/** Visitors, sessions, touchpoints by kind, a trend chart, and the change against an earlier period. */
export const overviewView: View = async (root, { state, site }) => {
  const base = `/api/sites/${encodeURIComponent(site.publicId)}`;
  const q = rangeQuery(state);
  const range = rangeOf(state);
  const earlier = state.compare ? comparisonRange(range, state.compare, state.preset) : null;
  const vs = state.compare === 'year' ? 'overview.vsYear' : 'overview.vsPrevious';
  const filtered = Boolean(state.channel || state.device || state.page);
  const conversions = overviewConversions(site.publicId, range, earlier, vs, filtered);
  // Awaited below; an error thrown first by the other reports must not leave this one unhandled.
  conversions.catch(() => undefined);
  const [o, ts, prev, before, eng, engBefore] = await Promise.all([
    api<Overview>(`${base}/overview`, { query: q }),
    api<Timeseries>(`${base}/timeseries`, { query: q }),
    earlier
      ? api<Overview>(`${base}/overview`, { query: { ...q, from: earlier.from, to: earlier.to } })
      : null,
    // The earlier period, drawn dashed under the current one.
    earlier
      ? api<Timeseries>(`${base}/timeseries`, { query: { ...q, from: earlier.from, to: earlier.to } })
      : null,
    api<Engagement>(`${base}/engagement`, { query: q }),
    earlier
      ? api<Engagement>(`${base}/engagement`, { query: { ...q, from: earlier.from, to: earlier.to } })
      : null,
  ]);
  const stats = h(
    'section',
    { class: 'stats', 'aria-label': t('overview.totals') },
    STATS.map(({ key, label }) =>
      statCard(
        key,
        t(label),
        fmtInt(o[key]),
        prev ? { now: o[key], before: prev[key], beforeText: fmtInt(prev[key]), vs } : undefined,
      ),
    ),
  );
  const ENGAGEMENT: { key: keyof Engagement; label: MessageKey; fmt: (n: number) => string }[] = [
    { key: 'timeOnSiteSeconds', label: 'overview.timeOnSite', fmt: (n) => fmtDuration(n * 1000) },
    { key: 'bounceRate', label: 'overview.bounceRate', fmt: fmtPct },
    { key: 'pageviewsPerSession', label: 'overview.pagesPerSession', fmt: (n) => fmtNumber(n, 1) },
  ];
  const engagement = h(
    'section',
    { class: 'stats', 'aria-label': t('overview.engagement') },
    ENGAGEMENT.map(({ key, label, fmt }) =>
      statCard(
        key,
        t(label),
        fmt(eng[key]),
        engBefore
          ? { now: eng[key], before: engBefore[key], beforeText: fmt(engBefore[key]), vs }
          : undefined,
      ),
    ),
  );
  const now = Date.now();
  const beforeLabel = state.compare === 'year' ? 'overview.aYearEarlier' : 'overview.before';
  const trend = h(
    'section',
    { class: 'card' },
    h(
      'h2',
      {},
      before
        ? t(state.compare === 'year' ? 'overview.trendYear' : 'overview.trendPrevious')
        : t('overview.trend'),
    ),
    chart({
      x: ts.t,
      step: range.bucket,
      series: [
        { label: t('overview.visitors'), values: futureAsGaps(ts.t, ts.visitors, now) },
        { label: t('overview.pageviews'), values: futureAsGaps(ts.t, ts.pageviews, now) },
        { label: t('overview.touchpoints'), values: futureAsGaps(ts.t, ts.touchpoints, now) },
        ...(before
          ? [
              {
                label: t(beforeLabel, { what: t('overview.visitors') }),
                values: ts.t.map((_, i) => before.visitors[i] ?? null),
                color: '#93c5fd',
                dash: [6, 4],
              },
              {
                label: t(beforeLabel, { what: t('overview.touchpoints') }),
                values: ts.t.map((_, i) => before.touchpoints[i] ?? null),
                color: '#fdba74',
                dash: [6, 4],
              },
            ]
          : []),
      ],
      fmt: fmtInt,
      label: t('overview.trendLabel'),
      table: { title: t('overview.trend'), csvName: `trend-${site.publicId}` },
    }),
  );
  const prevCount = new Map(prev?.byKind.map((k) => [k.name, k.count]) ?? []);
  const kinds = dataTable({
    title: t('overview.byKind'),
    csvName: `touchpoints-${site.publicId}`,
    rows: o.byKind,
    columns: [
      {
        key: 'name',
        label: t('col.touchpoint'),
        value: (r) => r.name,
        cell: (r) => touchpointCell(r.name),
      },
      {
        key: 'count',
        label: t('col.count'),
        value: (r) => r.count,
        format: (r) => fmtInt(r.count),
        numeric: true,
      },
      {
        key: 'visitors',
        label: t('col.visitors'),
        value: (r) => r.visitors,
        format: (r) => fmtInt(r.visitors),
        numeric: true,
      },
      ...(prev
        ? [
            {
              key: 'change',
              label: t(state.compare === 'year' ? 'col.vsYear' : 'col.vsPrevious'),
              value: (r: TouchpointCount) => fmtChange(r.count, prevCount.get(r.name) ?? 0),
              numeric: true,
            },
          ]
        : []),
    ],
    empty: t('overview.empty'),
    rowOpens: (r) => hasDetail(r.name),
    rowLabel: (r) => t('detail.open', { name: touchpointLabel(r.name) }),
    onRowClick: (r) => {
      detailClicked = true;
      navigate({ extra: { ...state.extra, detail: r.name } });
    },
  });
  root.append(stats, ...(await conversions), engagement, trend, kinds);
  const open = state.extra.detail;
  if (open && hasDetail(open)) {
    const detail = await touchpointDetail(site.publicId, state, open);
    root.append(detail);
    // Opened by a click: the reader goes where the answer is (a reload stays at the top).
    if (detailClicked) detail.querySelector('h2')?.focus();
  }
  detailClicked = false;
};
