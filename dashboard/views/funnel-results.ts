import { chart } from '../chart';
import { h } from '../dom';
import { fmtDuration, fmtInt, fmtNumber, fmtPct } from '../format';
import type { FunnelResult } from '../funnel-api';
import { breakdownLabel } from '../funnel-definition';
import { t } from '../i18n';
import { channelLabel, deviceLabel } from '../layout';
import { dataTable } from '../table';
import { weakestLinkSentence } from '../weakest-link-sentence';

/** A breakdown group's value as a marketer reads it. */
const groupLabel = (by: string, v: string | null): string =>
  v === null ? t('funnel.none') : by === 'channel' ? channelLabel(v) : by === 'device' ? deviceLabel(v) : v;

/** "+5 pp": a change of a share in percentage points. */
const fmtPoints = (d: number) =>
  `${d >= 0 ? '+' : '−'}${t('unit.pp', { n: fmtNumber(Math.abs(d) * 100, 1) })}`;

/**
 * The report under the builder. `days`: every day of the range, so the trend has a point (or a
 * gap, when nobody started) for days the answer has no row for.
 */
export function funnelResults(r: FunnelResult, csvBase: string, days: string[] = []): HTMLElement[] {
  const unit = r.countBy === 'session' ? 'sessions' : 'visitors';
  const weakest = r.weakest?.step;
  const out: HTMLElement[] = [
    h(
      'section',
      { class: 'card insight', 'data-weakest-step': weakest ?? '' },
      h('h2', {}, t('funnel.whereLost')),
      h('p', {}, weakestLinkSentence(r.steps, r.weakest, unit)),
    ),
    h(
      'section',
      { class: 'card', 'data-conversion': r.conversion },
      h('h2', {}, t('funnel.overall', { rate: fmtPct(r.conversion) })),
      r.comparison
        ? h(
            'p',
            { class: 'small', 'data-comparison': r.comparison.conversion },
            t('funnel.vsPrevious', {
              before: fmtPct(r.comparison.conversion),
              change: fmtPoints(r.comparison.change),
            }),
          )
        : null,
      h('p', { class: 'muted small' }, t(`funnel.legend.${unit}`)),
      chart({
        x: r.steps.map((s) => `${s.step}. ${s.label}\n${fmtPct(s.conversionFromStart)}`),
        shortX: r.steps.map((s) => `${s.step}\n${fmtPct(s.conversionFromStart)}`),
        xLabel: t('chart.step'),
        // Drawn as one bar behind the other: the red part above the blue one is the drop-off.
        series: [
          {
            label: t('funnel.droppedOff'),
            values: r.steps.map((s) => s.entered + s.dropOff),
            legend: r.steps.map((s) => s.dropOff),
            color: '#dc2626',
          },
          { label: t(`funnel.entered.${unit}`), values: r.steps.map((s) => s.entered), color: '#2563eb' },
        ],
        bars: true,
        height: 240,
        fmt: fmtInt,
        label: t('funnel.chartLabel'),
      }),
    ),
    dataTable({
      title: t('funnel.stepsTable'),
      rows: r.steps,
      csvName: `${csvBase}-steps`,
      rowClass: (s) => (s.step === weakest ? 'weakest' : undefined),
      columns: [
        { key: 'step', label: '#', value: (s) => s.step },
        { key: 'label', label: t('chart.step'), value: (s) => s.label },
        {
          key: 'entered',
          label: t('funnel.enteredCol'),
          value: (s) => s.entered,
          format: (s) => fmtInt(s.entered),
          numeric: true,
        },
        {
          key: 'fromStart',
          label: t('funnel.conversion'),
          value: (s) => s.conversionFromStart,
          format: (s) => fmtPct(s.conversionFromStart),
          numeric: true,
        },
        {
          key: 'fromPrevious',
          label: t('funnel.fromPrevious'),
          value: (s) => s.conversionFromPrevious,
          format: (s) => (s.step === 1 ? '—' : fmtPct(s.conversionFromPrevious)),
          numeric: true,
          optional: true,
        },
        {
          key: 'dropOff',
          label: t('funnel.dropOff'),
          value: (s) => s.dropOff,
          format: (s) => (s.step === 1 ? '—' : `${fmtInt(s.dropOff)} (${fmtPct(s.dropOffRate)})`),
          numeric: true,
        },
        {
          key: 'median',
          label: t('funnel.median'),
          value: (s) => s.medianMsFromPrevious,
          format: (s) => fmtDuration(s.medianMsFromPrevious),
          numeric: true,
          optional: true,
        },
      ],
    }),
  ];
  if (r.trend?.length) {
    const byDay = new Map(r.trend.map((d) => [d.day, d]));
    const trendDays = days.length ? days : r.trend.map((d) => d.day);
    out.push(
      h(
        'section',
        { class: 'card', 'data-chart': 'funnel-trend' },
        h('h2', {}, t('funnel.trend')),
        chart({
          x: trendDays.map((d) => Date.parse(`${d}T00:00:00`)),
          step: 'day',
          series: [
            {
              label: t('funnel.conversion'),
              values: trendDays.map((d) => (byDay.get(d)?.entered ? byDay.get(d)!.conversion : null)),
            },
          ],
          fmt: fmtPct,
          integer: false,
          label: t('funnel.trend'),
          table: { title: t('funnel.trend'), csvName: `${csvBase}-trend` },
        }),
      ),
    );
  }
  if (r.breakdown) {
    const by = r.breakdown.by;
    out.push(
      dataTable({
        title: t('funnel.byTitle', { by: breakdownLabel(by) }),
        rows: r.breakdown.groups,
        csvName: `${csvBase}-by-${by}`,
        columns: [
          {
            key: 'value',
            label: breakdownLabel(by),
            value: (g) => g.value ?? '',
            format: (g) => groupLabel(by, g.value),
          },
          ...r.steps.map((s, i) => ({
            key: `step${s.step}`,
            label: `${s.step}. ${s.label}`,
            value: (g: { entered: number[] }) => g.entered[i] ?? 0,
            format: (g: { entered: number[] }) => fmtInt(g.entered[i] ?? 0),
            numeric: true,
          })),
          {
            key: 'conversion',
            label: t('funnel.conversion'),
            value: (g) => g.conversion,
            format: (g) => fmtPct(g.conversion),
            numeric: true,
          },
        ],
      }),
    );
  }
  return out;
}
