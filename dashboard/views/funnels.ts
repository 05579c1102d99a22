import type { Dimension } from '../../collector/model';
import { api } from '../api';
import { chart } from '../chart';
import { h, replace } from '../dom';
import { errorText } from '../error-text';
import { fmtDuration, fmtInt, fmtNumber, fmtPct } from '../format';
import {
  deleteSavedFunnel,
  type FunnelMode,
  type FunnelResult,
  listSavedFunnels,
  runFunnel,
  type SavedFunnel,
  type StepCondition,
  saveFunnel,
} from '../funnel-api';
import { daysOf } from '../goal-days';
import { type MessageKey, t } from '../i18n';
import { channelLabel, deviceLabel } from '../layout';
import { navigate, rangeOf } from '../state';
import { dataTable } from '../table';
import { pickableTouchpoints, touchpointLabel } from '../touchpoint-label';
import { weakestLinkSentence } from '../weakest-link-sentence';
import type { View } from './view';

export interface Definition {
  steps: string[];
  mode: FunnelMode;
  window: string;
  /** Breakdown dimension. */
  by: Dimension;
  /** Also run the period of the same length before. */
  compare: boolean;
}

const MODES: { id: FunnelMode; label: MessageKey }[] = [
  { id: 'ordered', label: 'funnel.mode.ordered' },
  { id: 'strict', label: 'funnel.mode.strict' },
  { id: 'any', label: 'funnel.mode.any' },
];
const WINDOWS: Record<string, { minutes: number; label: MessageKey }> = {
  '30m': { minutes: 30, label: 'funnel.window.30m' },
  '1h': { minutes: 60, label: 'funnel.window.1h' },
  '1d': { minutes: 1440, label: 'funnel.window.1d' },
  '7d': { minutes: 7 * 1440, label: 'funnel.window.7d' },
  '30d': { minutes: 30 * 1440, label: 'funnel.window.30d' },
};
export const BREAKDOWNS: Dimension[] = [
  'channel',
  'utm_source',
  'utm_campaign',
  'device',
  'landing_page',
  'country',
];
const breakdownLabel = (d: string): string =>
  (BREAKDOWNS as string[]).includes(d) ? t(`funnel.by.${d as Dimension}`) : d;
/** A breakdown group's value as a marketer reads it. */
const groupLabel = (by: string, v: string | null): string =>
  v === null ? t('funnel.none') : by === 'channel' ? channelLabel(v) : by === 'device' ? deviceLabel(v) : v;

/** Step choices are encoded as `e:<event name>` or `p:<page path>` in the URL. */
export function stepCondition(choice: string): StepCondition | null {
  if (choice.startsWith('e:') && choice.length > 2)
    return { names: [choice.slice(2)], label: touchpointLabel(choice.slice(2)) };
  if (choice.startsWith('p:') && choice.length > 2)
    return {
      names: ['pageview'],
      page: choice.slice(2),
      label: t('funnel.pageStep', { path: choice.slice(2) }),
    };
  return null;
}

export function readDefinition(extra: Record<string, string>): Definition | null {
  try {
    const d = JSON.parse(extra.funnel ?? '') as Partial<Definition>;
    if (!Array.isArray(d.steps) || !d.steps.every((s) => typeof s === 'string')) return null;
    return {
      steps: d.steps.slice(0, 10),
      mode: MODES.some((m) => m.id === d.mode) ? d.mode! : 'ordered',
      window: d.window && WINDOWS[d.window] ? d.window : '1d',
      by: BREAKDOWNS.includes(d.by as Dimension) ? d.by! : 'channel',
      compare: d.compare === true,
    };
  } catch {
    return null;
  }
}

const selectOf = (name: string, options: [string, string][], value: string) => {
  const sel = h(
    'select',
    { name },
    options.map(([v, label]) => h('option', { value: v }, label)),
  );
  sel.value = value;
  return sel;
};

function builder(def: Definition, names: string[], pages: string[]): HTMLElement {
  const steps = h('ol', { class: 'steps', 'aria-label': t('funnel.steps') });
  const touchpoints = pickableTouchpoints(names);
  const options = (selected: string, n: number) => {
    const sel = h(
      'select',
      { 'aria-label': t('funnel.stepN', { n }), 'data-step': '' },
      h('option', { value: '' }, t('funnel.choose')),
      h(
        'optgroup',
        { label: t('funnel.touchpoints') },
        touchpoints.map((x) => h('option', { value: `e:${x.name}` }, x.label)),
      ),
      h(
        'optgroup',
        { label: t('funnel.pages') },
        pages.map((p) => h('option', { value: `p:${p}` }, t('funnel.pageStep', { path: p }))),
      ),
    );
    sel.value = selected;
    return sel;
  };
  const number = () =>
    steps.querySelectorAll('li').forEach((li, i) => {
      li.querySelector('.step-no')!.textContent = String(i + 1);
      li.querySelector('select')!.setAttribute('aria-label', t('funnel.stepN', { n: i + 1 }));
      li.querySelector('button')!.setAttribute('aria-label', t('funnel.removeStep', { n: i + 1 }));
    });
  const addStep = (value = '') => {
    const li = h(
      'li',
      { class: 'step' },
      h('span', { class: 'step-no', 'aria-hidden': 'true' }),
      options(value, steps.children.length + 1),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost small',
          onclick: () => {
            li.remove();
            number();
          },
        },
        '✕',
      ),
    );
    steps.appendChild(li);
    number();
  };
  for (const s of def.steps.length ? def.steps : ['', '', '']) addStep(s);
  const mode = selectOf(
    'mode',
    MODES.map((m) => [m.id, t(m.label)]),
    def.mode,
  );
  const win = selectOf(
    'window',
    Object.entries(WINDOWS).map(([id, w]) => [id, t(w.label)]),
    def.window,
  );
  const by = selectOf(
    'breakdown',
    BREAKDOWNS.map((d) => [d, breakdownLabel(d)]),
    def.by,
  );
  const compare = h('input', { type: 'checkbox', name: 'compare', checked: def.compare });
  return h(
    'form',
    {
      class: 'card funnel-builder',
      onsubmit: (e) => {
        e.preventDefault();
        const chosen = [...steps.querySelectorAll('select')].map((s) => s.value).filter(Boolean);
        const next: Definition = {
          steps: chosen,
          mode: mode.value as FunnelMode,
          window: win.value,
          by: by.value as Dimension,
          compare: compare.checked,
        };
        navigate({ extra: { funnel: JSON.stringify(next) } });
      },
    },
    h('h2', {}, t('funnel.build')),
    h('p', { class: 'muted' }, names.length || pages.length ? t('funnel.pick') : t('funnel.nothingYet')),
    steps,
    h(
      'div',
      { class: 'form-grid' },
      h(
        'button',
        { type: 'button', class: 'ghost small', onclick: () => steps.children.length < 10 && addStep() },
        t('funnel.addStep'),
      ),
      h('label', { class: 'field' }, h('span', {}, t('funnel.order')), mode),
      h('label', { class: 'field' }, h('span', {}, t('funnel.within')), win),
      h('label', { class: 'field' }, h('span', {}, t('funnel.breakdown')), by),
      h('label', { class: 'check' }, compare, t('funnel.compare')),
      h('button', { type: 'submit' }, t('funnel.show')),
    ),
  );
}

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

/** A saved step back in the builder's `e:` / `p:` form (the first name of a condition). */
export function stepChoice(c: StepCondition): string {
  const name = c.names?.[0] ?? 'pageview';
  return name === 'pageview' && c.page ? `p:${c.page}` : `e:${name}`;
}

const windowOf = (minutes: number | undefined): string =>
  Object.entries(WINDOWS).find(([, w]) => w.minutes === minutes)?.[0] ?? '1d';

/** The site's saved funnels, to open or delete, and a name field that saves the one on screen. */
function savedFunnels(
  site: string,
  list: SavedFunnel[],
  def: Definition,
  conditions: StepCondition[],
): HTMLElement {
  const problem = h('p', { class: 'error', role: 'alert' });
  const name = h('input', { name: 'funnel-name', maxlength: 100, 'aria-label': t('funnel.saveName') });
  const open = (f: SavedFunnel) => {
    const d = f.definition;
    const next: Definition = {
      steps: (d.steps as StepCondition[]).map(stepChoice),
      mode: (d.mode as FunnelMode) ?? 'ordered',
      window: windowOf(d.windowMinutes),
      by: BREAKDOWNS.includes(d.breakdown as Dimension) ? (d.breakdown as Dimension) : 'channel',
      compare: d.compare === true,
    };
    navigate({ extra: { funnel: JSON.stringify(next) } });
  };
  return h(
    'section',
    { class: 'card saved-funnels' },
    h('h2', {}, t('funnel.saved')),
    list.length
      ? h(
          'ul',
          { class: 'links' },
          list.map((f) =>
            h(
              'li',
              { 'data-saved-funnel': f.id },
              h('button', { type: 'button', class: 'ghost small', onclick: () => open(f) }, f.name),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'ghost small',
                  'aria-label': t('funnel.deleteSaved', { name: f.name }),
                  onclick: async (e) => {
                    // Asked on the button itself (no blocking dialog): the second press deletes.
                    const b = e.currentTarget as HTMLButtonElement;
                    if (!b.dataset.confirm) {
                      b.dataset.confirm = '1';
                      b.textContent = t('funnel.confirmDelete', { name: f.name });
                      b.removeAttribute('aria-label');
                      return;
                    }
                    await deleteSavedFunnel(site, f.id)
                      .then(() =>
                        navigate({ extra: { funnel: JSON.stringify(def), saved: String(Date.now()) } }),
                      )
                      .catch((err) => (problem.textContent = errorText(err)));
                  },
                },
                t('funnel.delete'),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('funnel.noneSaved')),
    conditions.length >= 2
      ? h(
          'form',
          {
            class: 'form-grid',
            onsubmit: async (e) => {
              e.preventDefault();
              if (!name.value.trim()) {
                problem.textContent = `${t('funnel.saveName')}: ${t('funnel.saveNameHint')}`;
                name.focus();
                return;
              }
              await saveFunnel(site, name.value.trim(), {
                steps: conditions,
                mode: def.mode,
                windowMinutes: WINDOWS[def.window]!.minutes,
                breakdown: def.by,
                compare: def.compare,
              })
                .then(() => navigate({ extra: { funnel: JSON.stringify(def), saved: String(Date.now()) } }))
                .catch((err) => (problem.textContent = errorText(err)));
            },
          },
          h('label', { class: 'field' }, h('span', {}, t('funnel.saveName')), name),
          h('button', { type: 'submit' }, t('funnel.save')),
        )
      : null,
    problem,
  );
}

/** Funnel builder and report: bars, per-step table with the weakest link, trend, breakdown. */
export const funnelsView: View = async (root, { state, site }) => {
  const base = `/api/sites/${encodeURIComponent(site.publicId)}`;
  const [names, pages, saved] = await Promise.all([
    api<{ name: string }[]>(`${base}/event-names`),
    api<{ path: string }[]>(`${base}/pages`),
    listSavedFunnels(site.publicId),
  ]);
  const def = readDefinition(state.extra) ?? {
    steps: [],
    mode: 'ordered' as FunnelMode,
    window: '1d',
    by: 'channel' as Dimension,
    compare: false,
  };
  root.append(
    builder(
      def,
      names.map((n) => n.name),
      pages.map((p) => p.path),
    ),
  );
  const conditions = def.steps.map(stepCondition).filter((c): c is StepCondition => c !== null);
  root.append(savedFunnels(site.publicId, saved, def, conditions));
  if (conditions.length < 2) return;
  const out = h('div', { class: 'funnel-results stack' });
  root.append(out);
  const r = rangeOf(state);
  const result = await runFunnel(site.publicId, {
    steps: conditions,
    mode: def.mode,
    windowMinutes: WINDOWS[def.window]!.minutes,
    from: r.from,
    to: r.to,
    breakdown: def.by,
    compare: def.compare,
    trend: r.bucket === 'day',
  });
  replace(out, funnelResults(result, `funnel-${site.publicId}`, daysOf(r.from, r.to)));
};
