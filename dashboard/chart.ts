import uPlot from 'uplot';
import { h } from './dom';
import { onDispose } from './lifecycle';

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
  xLabel = 'Step',
  shortX,
}: ChartOptions): HTMLElement {
  const box = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': label ?? series.map((s) => s.label).join(', '),
  });
  const categories = typeof x[0] === 'string' ? (x as string[]) : null;
  const xs = categories ? categories.map((_, i) => i) : (x as number[]).map((t) => t / 1000);
  const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values)];
  const barPaths = uPlot.paths.bars!({ size: [series.length > 1 ? 0.8 : 0.6, 80], gap: 2 });
  const opts = (width: number): uPlot.Options => ({
    width,
    height,
    scales: {
      x: {
        time: !categories,
        ...(categories ? { range: [-0.5, categories.length - 0.5] as uPlot.Range.MinMax } : {}),
      },
      // Counts: bars and lines start at 0, with a little headroom.
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
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
        : {},
      {
        values: (_u, splits) => splits.map((v) => (fmt ? fmt(v) : String(v))),
        size: 56,
        ...(integer ? { incrs: INTEGER_STEPS } : {}),
      },
    ],
    legend: { show: series.length > 1 || !categories },
    cursor: { drag: { x: false, y: false } },
    series: [
      categories ? { label: xLabel, value: (_u, i) => categories[i] ?? '' } : {},
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
  return box;
}
