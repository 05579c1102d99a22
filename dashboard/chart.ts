import uPlot from 'uplot';
import type { Column } from './csv';
import { h } from './dom';
import { fmtDay, fmtHour, fmtTime } from './format';
import { t } from './i18n';
import { onDispose } from './lifecycle';
import { dataTable } from './table';

export const PALETTE = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#dc2626'];

export interface SeriesSpec {
  label: string;
  values: (number | null)[];
  color?: string;
  /** Dashed line (a previous period drawn under the current one). */
  dash?: number[];
  /** What the legend shows on hover when it differs from the drawn value (a bar drawn behind another). */
  legend?: (number | null)[];
}

interface ChartOptions {
  /** Time axis (ms) or category labels. */
  x: number[] | string[];
  series: SeriesSpec[];
  bars?: boolean;
  height?: number;
  /** Value formatter for the legend and y axis. */
  fmt?: (v: number) => string;
  label?: string;
  /** Whole numbers only on the y axis (counts). */
  integer?: boolean;
  /** Legend name of the category axis ("Step", "Channel"). */
  xLabel?: string;
  /** Category labels used when the full ones do not fit (a phone): e.g. step numbers. */
  shortX?: string[];
  /** A time axis's step: ticks fall on whole days (a daily chart) or whole hours only. */
  step?: 'hour' | 'day' | 'minute';
  /** Fixed top of the y axis (1 for shares). */
  yMax?: number;
  /**
   * The same figures as a table under the chart, folded (a screen reader's and a copy-paster's
   * way in). Category charts whose figures are already in a table beside them leave it out.
   */
  table?: { title: string; csvName: string };
}

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;
// Whole days only on a daily chart (never "12:00" between two days), whole hours on an hourly one.
const TIME_INCRS: Record<NonNullable<ChartOptions['step']>, number[]> = {
  minute: [60, 300, 600, 900, 1800, HOUR_S],
  hour: [HOUR_S, 2 * HOUR_S, 3 * HOUR_S, 4 * HOUR_S, 6 * HOUR_S, 12 * HOUR_S, DAY_S],
  day: [DAY_S, 2 * DAY_S, 7 * DAY_S, 14 * DAY_S, 28 * DAY_S, 91 * DAY_S, 182 * DAY_S, 365 * DAY_S],
};
/** A tick or legend time, in the browser's locale: a day ("05.01") or a time ("14:00"). */
const timeLabel = (step: NonNullable<ChartOptions['step']>, ms: number) =>
  step === 'day' ? fmtDay(ms) : fmtHour(ms);

/** The chart's figures as table rows: one per x, one column per series. */
function chartTable(
  x: number[] | string[],
  series: SeriesSpec[],
  categories: boolean,
  step: NonNullable<ChartOptions['step']>,
  xLabel: string,
  fmt: ((v: number) => string) | undefined,
  table: NonNullable<ChartOptions['table']>,
): HTMLElement {
  const rows = x.map((v, i) => ({ i, x: v }));
  const columns: Column<{ i: number; x: number | string }>[] = [
    {
      key: 'x',
      label: xLabel,
      value: (r) => (typeof r.x === 'number' ? new Date(r.x).toISOString() : r.x),
      format: (r) =>
        typeof r.x === 'string'
          ? r.x
          : categories
            ? String(r.x)
            : step === 'day'
              ? fmtDay(r.x)
              : fmtTime(r.x),
    },
    ...series.map((s, n) => ({
      key: `s${n}`,
      label: s.label,
      value: (r: { i: number }) => (s.legend ?? s.values)[r.i] ?? null,
      format: (r: { i: number }) => {
        const v = (s.legend ?? s.values)[r.i];
        return v === null || v === undefined ? '—' : fmt ? fmt(v) : String(v);
      },
      numeric: true,
    })),
  ];
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, t('chart.showTable')),
    dataTable({ title: table.title, rows, columns, csvName: table.csvName, level: 3 }),
  );
}

const INTEGER_STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7,
];

/**
 * A uPlot chart sized to its container and resized with it (phones included). Category charts
 * (funnel steps) put their labels on a plain index axis.
 */
export function chart({
  x,
  series,
  bars = false,
  height = 240,
  fmt,
  label,
  integer = true,
  xLabel,
  shortX,
  step = 'day',
  yMax,
  table,
}: ChartOptions): HTMLElement {
  const box = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': label ?? series.map((s) => s.label).join(', '),
  });
  const categories = typeof x[0] === 'string' ? (x as string[]) : null;
  // The canvas hides what the axes say: kept on the element too, for tests and for inspection.
  const ticks = (axis: 'x' | 'y', labels: string[]) => {
    box.dataset[axis === 'x' ? 'xTicks' : 'yTicks'] = labels.join('|');
    return labels;
  };
  const xs = categories ? categories.map((_, i) => i) : (x as number[]).map((t) => t / 1000);
  const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values)];
  const barPaths = uPlot.paths.bars!({ size: [series.length > 1 ? 0.8 : 0.6, 80], gap: 2 });
  const opts = (width: number): uPlot.Options => ({
    width,
    height,
    scales: {
      x: {
        time: !categories,
        range: categories
          ? ([-0.5, categories.length - 0.5] as uPlot.Range.MinMax)
          : // One point alone would give uPlot an empty range: pad it by half a step each side.
            (_u, min, max): uPlot.Range.MinMax =>
              min === max ? [min - TIME_INCRS[step][0]! / 2, max + TIME_INCRS[step][0]! / 2] : [min, max],
      },
      // Counts: bars and lines start at 0, with a little headroom; shares end at 100 %.
      y: { range: (_u, _min, max) => [0, yMax ?? (max > 0 ? max * 1.1 : 1)] },
    },
    axes: [
      categories
        ? {
            // Long labels overlap on a phone: fall back to the short ones below ~110 px per category.
            values: (u, splits) => {
              const names =
                shortX && u.bbox.width / devicePixelRatio / categories.length < 110 ? shortX : categories;
              return splits.map((i) => names[i] ?? '');
            },
            splits: () => categories.map((_, i) => i),
            gap: 4,
          }
        : {
            incrs: TIME_INCRS[step],
            values: (_u, splits) =>
              ticks(
                'x',
                splits.map((v) => timeLabel(step, v * 1000)),
              ),
          },
      {
        values: (_u, splits) =>
          ticks(
            'y',
            splits.map((v) => (fmt ? fmt(v) : String(v))),
          ),
        size: 56,
        ...(integer ? { incrs: INTEGER_STEPS } : {}),
      },
    ],
    legend: { show: series.length > 1 || !categories },
    cursor: { drag: { x: false, y: false } },
    series: [
      categories
        ? { label: xLabel ?? t('chart.step'), value: (_u, i) => categories[i] ?? '' }
        : {
            label: xLabel ?? t('chart.time'),
            value: (_u, v) =>
              v === null || v === undefined ? '—' : step === 'day' ? fmtDay(v * 1000) : fmtTime(v * 1000),
          },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: s.color ?? PALETTE[i % PALETTE.length],
        // Opaque bars: one drawn behind another (a funnel's drop-off) must not blend into a third colour.
        fill: bars ? (s.color ?? PALETTE[i % PALETTE.length]) : `${s.color ?? PALETTE[i % PALETTE.length]}14`,
        width: bars ? 0 : 2,
        points: { show: !bars && xs.length < 40 },
        ...(bars ? { paths: barPaths } : {}),
        ...(s.dash ? { dash: s.dash, fill: undefined } : {}),
        value: (_u: uPlot, v: number | null, _si: number, i: number | null) => {
          const shown = s.legend && i !== null ? (s.legend[i] ?? null) : v;
          return shown === null || shown === undefined ? '—' : fmt ? fmt(shown) : String(shown);
        },
      })),
    ],
  });
  let plot: uPlot | null = null;
  const ro = new ResizeObserver(() => {
    const width = Math.floor(box.clientWidth);
    if (width < 50) return;
    if (!plot) plot = new uPlot(opts(width), data, box);
    else if (Math.abs(plot.width - width) > 1) plot.setSize({ width, height });
  });
  ro.observe(box);
  onDispose(() => {
    ro.disconnect();
    plot?.destroy();
  });
  if (!table) return box;
  return h(
    'div',
    { class: 'chart-with-table' },
    box,
    chartTable(
      x,
      series,
      !!categories,
      step,
      xLabel ?? t(categories ? 'chart.step' : 'chart.time'),
      fmt,
      table,
    ),
  );
}
