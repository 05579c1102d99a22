import { api } from '../api';
import { chart } from '../chart';
import { append, h, replace } from '../dom';
import { fmtInt, fmtPct } from '../format';
import { conversionsPerDay, daysOf } from '../goal-days';
import { createGoal, type Goal, type GoalDefinition, goalStats, listGoals, updateGoal } from '../goals-api';
import { rangeOf } from '../state';
import { dataTable } from '../table';
import { touchpointTitle } from '../touchpoint-label';
import type { View } from './view';

const KINDS: { id: 'page' | 'event' | 'contact'; label: string; hint: string }[] = [
  { id: 'page', label: 'Visited a page', hint: 'e.g. /thanks* (* matches anything)' },
  { id: 'event', label: 'Did a touchpoint', hint: 'e.g. form_submit' },
  { id: 'contact', label: 'Contacted us (call, e-mail, messenger, callback, chat)', hint: '' },
];

export function describeGoal(d: GoalDefinition): string {
  if (d.kind === 'page') return `page ${d.pattern}`;
  if (d.kind === 'event') return `touchpoint ${touchpointTitle(d.name)}`;
  if (d.kind === 'contact') return `contact (${(d.names ?? ['any']).join(', ')})`;
  return `${d.steps.length} steps in one session`;
}

/** Create or edit one goal; composite goals are edited through the API. */
function goalForm(site: string, names: string[], goal: Goal | null, done: () => void): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const name = h('input', {
    name: 'goal-name',
    required: true,
    maxlength: 100,
    value: goal?.name ?? '',
    'aria-label': 'Goal name',
    placeholder: 'e.g. Asked for a callback',
  });
  const kind = h(
    'select',
    { name: 'goal-kind', 'aria-label': 'Goal kind' },
    KINDS.map((k) => h('option', { value: k.id }, k.label)),
  );
  const target = h('input', {
    name: 'goal-target',
    list: 'tp-goal-names',
    maxlength: 512,
    'aria-label': 'Page or touchpoint',
  });
  const value = h('input', {
    name: 'goal-value',
    type: 'number',
    min: 0,
    step: 'any',
    'aria-label': 'Value',
    placeholder: 'optional',
    value: goal?.value ?? '',
  });
  const targetLabel = h('span', {});
  const targetField = h('label', { class: 'field' }, targetLabel, target);
  const d = goal?.definition;
  kind.value = d && d.kind !== 'composite' ? d.kind : 'event';
  target.value = d?.kind === 'page' ? d.pattern : d?.kind === 'event' ? d.name : '';
  const sync = () => {
    const k = KINDS.find((x) => x.id === kind.value)!;
    targetField.hidden = k.id === 'contact';
    targetLabel.textContent = k.id === 'page' ? 'Page' : 'Touchpoint';
    target.placeholder = k.hint;
  };
  kind.addEventListener('change', sync);
  sync();
  return h(
    'form',
    {
      class: 'card',
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        const t = target.value.trim();
        const definition: GoalDefinition =
          kind.value === 'page'
            ? { kind: 'page', pattern: t }
            : kind.value === 'event'
              ? { kind: 'event', name: t }
              : { kind: 'contact' };
        const input = {
          name: name.value.trim(),
          value: value.value === '' ? null : Number(value.value),
          definition,
        };
        try {
          if (goal) await updateGoal(site, goal.id, input);
          else await createGoal(site, input);
          done();
        } catch (err) {
          error.textContent = (err as Error).message;
        }
      },
    },
    h('h3', {}, goal ? `Edit “${goal.name}”` : 'New goal'),
    h(
      'div',
      { class: 'form-grid' },
      h('label', { class: 'field' }, h('span', {}, 'Name'), name),
      h('label', { class: 'field' }, h('span', {}, 'Counts when someone'), kind),
      targetField,
      h('label', { class: 'field' }, h('span', {}, 'Value per conversion'), value),
      h('button', { type: 'submit' }, goal ? 'Save' : 'Create goal'),
    ),
    h(
      'datalist',
      { id: 'tp-goal-names' },
      names.map((n) => {
        const o = document.createElement('option');
        o.value = n;
        o.label = touchpointTitle(n);
        return o;
      }),
    ),
    error,
  );
}

/** Goals with their conversions over the range, a per-day chart, and create / edit forms. */
export const goalsView: View = async (root, ctx) => {
  const { state, site, shared } = ctx;
  const id = site.publicId;
  const [goals, names] = await Promise.all([
    listGoals(id),
    api<{ name: string }[]>(`/api/sites/${encodeURIComponent(id)}/event-names`).then((r) =>
      r.map((n) => n.name),
    ),
  ]);
  const r = rangeOf(state);
  const stats = await Promise.all(goals.map((g) => goalStats(id, g.id, r)));
  const redraw = () => {
    replace(root);
    void goalsView(root, ctx);
  };
  const editor = h('div');
  const rows = goals.map((g, i) => ({ goal: g, stats: stats[i]! }));
  const days = daysOf(r.from, r.to);
  const converted = rows.some((x) => x.stats.conversions > 0);
  append(root, [
    rows.length
      ? h(
          'section',
          { class: 'card', 'data-chart': 'goal-conversions' },
          h('h3', {}, 'Conversions per day'),
          converted
            ? chart({
                x: days.map((d) => Date.parse(`${d}T00:00:00`)),
                series: rows.map(({ goal, stats: s }) => ({
                  label: goal.name,
                  values: conversionsPerDay(days, s.byDay),
                })),
                fmt: fmtInt,
                label: 'Conversions per goal and day',
              })
            : h('p', { class: 'muted' }, 'No conversions in this range yet.'),
        )
      : null,
    dataTable({
      title: 'Goals',
      rows,
      csvName: `goals-${id}`,
      empty: 'No goals yet: create one below.',
      columns: [
        { key: 'name', label: 'Goal', value: (x) => x.goal.name },
        { key: 'definition', label: 'Counts', value: (x) => describeGoal(x.goal.definition) },
        {
          key: 'conversions',
          label: 'Conversions',
          value: (x) => x.stats.conversions,
          format: (x) => fmtInt(x.stats.conversions),
          numeric: true,
        },
        {
          key: 'visitors',
          label: 'Converted visitors',
          value: (x) => x.stats.convertedVisitors,
          format: (x) => fmtInt(x.stats.convertedVisitors),
          numeric: true,
        },
        {
          key: 'rate',
          label: 'Conversion rate',
          value: (x) => x.stats.visitorConversionRate,
          format: (x) => fmtPct(x.stats.visitorConversionRate),
          numeric: true,
        },
        {
          key: 'value',
          label: 'Value',
          value: (x) => x.stats.value,
          format: (x) => (x.goal.value === null && !x.stats.value ? '—' : fmtInt(x.stats.value)),
          numeric: true,
        },
      ],
    }),
    shared || !goals.length
      ? null
      : h(
          'div',
          { class: 'row' },
          goals
            .filter((g) => g.definition.kind !== 'composite')
            .map((g) =>
              h(
                'button',
                {
                  type: 'button',
                  class: 'ghost small',
                  onclick: () => replace(editor, goalForm(id, names, g, redraw)),
                },
                `Edit “${g.name}”`,
              ),
            ),
        ),
    shared ? null : editor,
    shared ? null : goalForm(id, names, null, redraw),
  ]);
};
