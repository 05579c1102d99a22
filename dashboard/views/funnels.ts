import { api } from '../api';
import { chart } from '../chart';
import { h, replace } from '../dom';
import { fmtDuration, fmtInt, fmtPct } from '../format';
import { type FunnelMode, type FunnelResult, runFunnel, type StepCondition } from '../funnel-api';
import { navigate, rangeOf } from '../state';
import { dataTable } from '../table';
import { touchpointLabel, touchpointTitle } from '../touchpoint-label';
import { weakestLinkSentence } from '../weakest-link-sentence';
import type { View } from './view';

interface Definition {
  steps: string[];
  mode: FunnelMode;
  window: string;
}

const MODES: { id: FunnelMode; label: string }[] = [
  { id: 'ordered', label: 'In this order (other steps may come between)' },
  { id: 'strict', label: 'Strictly in this order (nothing between)' },
  { id: 'any', label: 'In any order' },
];
const WINDOWS: Record<string, { label: string; ms: number }> = {
  '30m': { label: '30 minutes', ms: 30 * 60_000 },
  '1h': { label: '1 hour', ms: 3_600_000 },
  '1d': { label: '1 day', ms: 86_400_000 },
  '7d': { label: '7 days', ms: 7 * 86_400_000 },
  '30d': { label: '30 days', ms: 30 * 86_400_000 },
};

/** Step choices are encoded as `e:<event name>` or `p:<page path>` in the URL. */
export function stepCondition(choice: string): StepCondition | null {
  if (choice.startsWith('e:') && choice.length > 2)
    return { names: [choice.slice(2)], label: touchpointLabel(choice.slice(2)) };
  if (choice.startsWith('p:') && choice.length > 2)
    return { names: ['pageview'], page: choice.slice(2), label: `page ${choice.slice(2)}` };
  return null;
}

function readDefinition(extra: Record<string, string>): Definition | null {
  try {
    const d = JSON.parse(extra.funnel ?? '') as Definition;
    if (!Array.isArray(d.steps) || !d.steps.every((s) => typeof s === 'string')) return null;
    return {
      steps: d.steps.slice(0, 10),
      mode: MODES.some((m) => m.id === d.mode) ? d.mode : 'ordered',
      window: WINDOWS[d.window] ? d.window : '1d',
    };
  } catch {
    return null;
  }
}

function builder(def: Definition, names: string[], pages: string[]): HTMLElement {
  const steps = h('ol', { class: 'steps', 'aria-label': 'Funnel steps' });
  const options = (selected: string) => {
    const sel = h(
      'select',
      { 'aria-label': 'Step', 'data-step': '' },
      h('option', { value: '' }, 'choose a touchpoint or page…'),
      h(
        'optgroup',
        { label: 'Touchpoints' },
        names.map((n) => h('option', { value: `e:${n}` }, touchpointTitle(n))),
      ),
      h(
        'optgroup',
        { label: 'Pages (pageview of)' },
        pages.map((p) => h('option', { value: `p:${p}` }, `page ${p}`)),
      ),
    );
    sel.value = selected;
    return sel;
  };
  const addStep = (value = '') => {
    const li = h(
      'li',
      { class: 'step' },
      h('span', { class: 'step-no', 'aria-hidden': 'true' }),
      options(value),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost small',
          'aria-label': 'Remove step',
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
  const number = () =>
    steps.querySelectorAll('.step-no').forEach((el, i) => {
      el.textContent = String(i + 1);
    });
  for (const s of def.steps.length ? def.steps : ['', '', '']) addStep(s);
  const mode = h(
    'select',
    { name: 'mode', 'aria-label': 'Order' },
    MODES.map((m) => h('option', { value: m.id }, m.label)),
  );
  mode.value = def.mode;
  const win = h(
    'select',
    { name: 'window', 'aria-label': 'Window' },
    Object.entries(WINDOWS).map(([id, w]) => h('option', { value: id }, w.label)),
  );
  win.value = def.window;
  return h(
    'form',
    {
      class: 'card funnel-builder',
      onsubmit: (e) => {
        e.preventDefault();
        const chosen = [...steps.querySelectorAll('select')].map((s) => s.value).filter(Boolean);
        navigate({
          extra: { funnel: JSON.stringify({ steps: chosen, mode: mode.value, window: win.value }) },
        });
      },
    },
    h('h3', {}, 'Build a funnel'),
    h(
      'p',
      { class: 'muted' },
      names.length || pages.length
        ? 'Pick 2–10 steps from the touchpoints and pages this site really has (last 90 days).'
        : 'No touchpoints or pages recorded in the last 90 days yet: once the script tag sends events, they appear here as steps.',
    ),
    steps,
    h(
      'div',
      { class: 'form-grid' },
      h(
        'button',
        { type: 'button', class: 'ghost small', onclick: () => steps.children.length < 10 && addStep() },
        '+ Add step',
      ),
      h('label', { class: 'field' }, h('span', {}, 'Order'), mode),
      h('label', { class: 'field' }, h('span', {}, 'Completed within'), win),
      h('button', { type: 'submit' }, 'Show funnel'),
    ),
  );
}

function results(r: FunnelResult, csvBase: string): HTMLElement[] {
  const unit = r.countBy === 'session' ? 'sessions' : 'visitors';
  const weakest = r.weakest?.step;
  const out: HTMLElement[] = [
    h(
      'section',
      { class: 'card insight', 'data-weakest-step': weakest ?? '' },
      h('h3', {}, 'Where customers are lost'),
      h('p', {}, weakestLinkSentence(r.steps, r.weakest, unit)),
    ),
    h(
      'section',
      { class: 'card' },
      h('h3', {}, `Overall conversion ${fmtPct(r.conversion)}`),
      h(
        'p',
        { class: 'muted small' },
        `Blue: ${unit} who reached the step. Red: those who reached the step before but not this one (drop-off).`,
      ),
      chart({
        x: r.steps.map((s) => `${s.step}. ${s.label}\n${fmtPct(s.conversionFromStart)}`),
        shortX: r.steps.map((s) => `${s.step}\n${fmtPct(s.conversionFromStart)}`),
        // Drawn as one bar behind the other: the red part above the blue one is the drop-off.
        series: [
          {
            label: 'Dropped off',
            values: r.steps.map((s) => s.entered + s.dropOff),
            legend: r.steps.map((s) => s.dropOff),
            color: '#dc2626',
          },
          { label: `Entered (${unit})`, values: r.steps.map((s) => s.entered), color: '#2563eb' },
        ],
        bars: true,
        height: 240,
        fmt: fmtInt,
        label: 'Funnel: entered and dropped off per step',
      }),
    ),
    dataTable({
      title: 'Steps',
      rows: r.steps,
      csvName: `${csvBase}-steps`,
      rowClass: (s) => (s.step === weakest ? 'weakest' : undefined),
      columns: [
        { key: 'step', label: '#', value: (s) => s.step },
        { key: 'label', label: 'Step', value: (s) => s.label },
        {
          key: 'entered',
          label: 'Entered',
          value: (s) => s.entered,
          format: (s) => fmtInt(s.entered),
          numeric: true,
        },
        {
          key: 'fromStart',
          label: 'Conversion',
          value: (s) => s.conversionFromStart,
          format: (s) => fmtPct(s.conversionFromStart),
          numeric: true,
        },
        {
          key: 'fromPrevious',
          label: 'From previous',
          value: (s) => s.conversionFromPrevious,
          format: (s) => (s.step === 1 ? '—' : fmtPct(s.conversionFromPrevious)),
          numeric: true,
        },
        {
          key: 'dropOff',
          label: 'Drop-off',
          value: (s) => s.dropOff,
          format: (s) => (s.step === 1 ? '—' : `${fmtInt(s.dropOff)} (${fmtPct(s.dropOffRate)})`),
          numeric: true,
        },
        {
          key: 'median',
          label: 'Median time from previous',
          value: (s) => s.medianMsFromPrevious,
          format: (s) => fmtDuration(s.medianMsFromPrevious),
          numeric: true,
        },
      ],
    }),
  ];
  if (r.breakdown) {
    out.push(
      dataTable({
        title: `By ${r.breakdown.by.replace('_', ' ')}`,
        rows: r.breakdown.groups,
        csvName: `${csvBase}-by-${r.breakdown.by}`,
        columns: [
          { key: 'value', label: r.breakdown.by.replace('_', ' '), value: (g) => g.value ?? '(none)' },
          ...r.steps.map((s, i) => ({
            key: `step${s.step}`,
            label: `${s.step}. ${s.label}`,
            value: (g: { entered: number[] }) => g.entered[i] ?? 0,
            numeric: true,
          })),
          {
            key: 'conversion',
            label: 'Conversion',
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

/** Funnel builder and report: bars, per-step table with the weakest link, breakdown by channel. */
export const funnelsView: View = async (root, { state, site }) => {
  const base = `/api/sites/${encodeURIComponent(site.publicId)}`;
  const [names, pages] = await Promise.all([
    api<{ name: string }[]>(`${base}/event-names`),
    api<{ path: string }[]>(`${base}/pages`),
  ]);
  const def = readDefinition(state.extra) ?? { steps: [], mode: 'ordered' as FunnelMode, window: '1d' };
  root.append(
    builder(
      def,
      names.map((n) => n.name),
      pages.map((p) => p.path),
    ),
  );
  const conditions = def.steps.map(stepCondition).filter((c): c is StepCondition => c !== null);
  if (conditions.length < 2) return;
  const out = h('div', { class: 'funnel-results' });
  root.append(out);
  const r = rangeOf(state);
  const result = await runFunnel(site.publicId, {
    steps: conditions,
    mode: def.mode,
    windowMinutes: WINDOWS[def.window]!.ms / 60_000,
    from: r.from,
    to: r.to,
    breakdown: 'channel',
  });
  replace(out, results(result, `funnel-${site.publicId}`));
};
