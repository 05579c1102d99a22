import { api } from '../api';
import { chart } from '../chart';
import { append, h, replace } from '../dom';
import { errorText } from '../error-text';
import { type FieldInfo, showFieldError, showLocalError } from '../field-error';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import { conversionsPerDay, daysOf } from '../goal-days';
import {
  createGoal,
  deleteGoal,
  type Goal,
  type GoalDefinition,
  goalStats,
  listGoals,
  updateGoal,
} from '../goals-api';
import { type MessageKey, t } from '../i18n';
import { rangeOf } from '../state';
import { dataTable } from '../table';
import { pickableTouchpoints, touchpointFromText, touchpointTitle } from '../touchpoint-label';
import type { View } from './view';

type Kind = 'page' | 'event' | 'contact';
const KINDS: { id: Kind; label: MessageKey }[] = [
  { id: 'page', label: 'goals.kind.page' },
  { id: 'event', label: 'goals.kind.event' },
  { id: 'contact', label: 'goals.kind.contact' },
];
/** The "another name" choice of the touchpoint picker: a custom event typed by hand. */
const OTHER = '';

export function describeGoal(d: GoalDefinition): string {
  if (d.kind === 'page') return t('goals.describe.page', { pattern: d.pattern });
  if (d.kind === 'event') return touchpointTitle(d.name);
  if (d.kind === 'contact')
    return d.names?.length
      ? t('goals.describe.contactOf', { names: d.names.map(touchpointTitle).join(', ') })
      : t('goals.describe.contact');
  return t('goals.describe.composite', { n: d.steps.length });
}

/** Create or edit one goal; composite goals are edited through the API. */
function goalForm(
  site: string,
  names: string[],
  goal: Goal | null,
  currency: string | null,
  done: () => void,
): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const uid = goal ? `g${goal.id}` : 'new';
  const name = h('input', {
    name: 'goal-name',
    id: `goal-name-${uid}`,
    maxlength: 100,
    value: goal?.name ?? '',
    placeholder: t('goals.namePlaceholder'),
  });
  const kind = h(
    'select',
    { name: 'goal-kind', id: `goal-kind-${uid}` },
    KINDS.map((k) => h('option', { value: k.id }, t(k.label))),
  );
  const page = h('input', {
    name: 'goal-page',
    id: `goal-page-${uid}`,
    maxlength: 512,
    placeholder: t('goals.pagePlaceholder'),
  });
  // Touchpoints by their plain names, the ones this site sent included; the stored name stays the
  // technical one, so a goal on "Form sent" counts `form_submit`.
  const choices = pickableTouchpoints(names);
  const touchpoint = h(
    'select',
    { name: 'goal-touchpoint', id: `goal-touchpoint-${uid}` },
    choices.map((c) => h('option', { value: c.name }, c.label)),
    h('option', { value: OTHER }, t('goals.otherEvent')),
  );
  const custom = h('input', {
    name: 'goal-event',
    id: `goal-event-${uid}`,
    maxlength: 64,
    placeholder: t('goals.eventPlaceholder'),
  });
  const value = h('input', {
    name: 'goal-value',
    id: `goal-value-${uid}`,
    type: 'number',
    min: 0,
    step: 'any',
    placeholder: t('goals.optional'),
    value: goal?.value ?? '',
  });
  const field = (id: string, label: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const pageField = field(page.id, t('goals.page'), page);
  const touchpointField = field(touchpoint.id, t('goals.touchpoint'), touchpoint);
  const customField = field(custom.id, t('goals.eventName'), custom);
  const d = goal?.definition;
  kind.value = d && d.kind !== 'composite' ? d.kind : 'event';
  if (d?.kind === 'page') page.value = d.pattern;
  if (d?.kind === 'event') {
    touchpoint.value = choices.some((c) => c.name === d.name) ? d.name : OTHER;
    if (touchpoint.value === OTHER) custom.value = d.name;
  } else touchpoint.value = choices[0]?.name ?? OTHER;
  const sync = () => {
    pageField.hidden = kind.value !== 'page';
    touchpointField.hidden = kind.value !== 'event';
    customField.hidden = kind.value !== 'event' || touchpoint.value !== OTHER;
  };
  kind.addEventListener('change', sync);
  touchpoint.addEventListener('change', sync);
  sync();
  const fields: Record<string, FieldInfo> = {
    name: { label: 'goals.name', hint: 'goals.hint.name', control: name },
    value: { label: 'goals.value', hint: 'goals.hint.value', control: value },
    'definition.pattern': { label: 'goals.page', hint: 'goals.hint.page', control: page },
    'definition.name': { label: 'goals.eventName', hint: 'goals.hint.event', control: custom },
    definition: { label: 'goals.kindLabel', hint: 'goals.hint.kind', control: kind },
    goals: { label: 'goals.title', hint: 'goals.hint.tooMany' },
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    error.textContent = '';
    const eventName = touchpoint.value === OTHER ? touchpointFromText(custom.value) : touchpoint.value;
    // The checks a person trips over most, said before anything is sent.
    if (!name.value.trim()) return showLocalError(error, fields.name!, fields);
    if (kind.value === 'page' && !page.value.trim())
      return showLocalError(error, fields['definition.pattern']!, fields);
    if (kind.value === 'event' && !eventName)
      return showLocalError(error, fields['definition.name']!, fields);
    const definition: GoalDefinition =
      kind.value === 'page'
        ? { kind: 'page', pattern: page.value.trim() }
        : kind.value === 'event'
          ? { kind: 'event', name: eventName }
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
      showFieldError(error, err, fields);
    }
  };
  return h(
    'form',
    { class: 'card goal-form', novalidate: true, onsubmit: submit },
    h('h2', {}, goal ? t('goals.edit', { name: goal.name }) : t('goals.new')),
    h(
      'div',
      { class: 'form-grid' },
      field(name.id, t('goals.name'), name),
      field(kind.id, t('goals.kindLabel'), kind),
      pageField,
      touchpointField,
      customField,
      field(value.id, currency ? t('goals.valueIn', { currency }) : t('goals.value'), value),
      h('button', { type: 'submit' }, goal ? t('goals.save') : t('goals.create')),
    ),
    error,
  );
}

/** "Delete" that asks once more in place (no browser dialog), then deletes. */
function deleteButton(site: string, goal: Goal, done: () => void, problem: HTMLElement): HTMLElement {
  const b = h(
    'button',
    { type: 'button', class: 'ghost small danger', 'data-delete-goal': goal.id },
    t('goals.delete', { name: goal.name }),
  );
  let armed = false;
  b.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      b.textContent = t('goals.deleteConfirm', { name: goal.name });
      return;
    }
    b.disabled = true;
    try {
      await deleteGoal(site, goal.id);
      done();
    } catch (err) {
      problem.textContent = errorText(err);
      b.disabled = false;
    }
  });
  return b;
}

/** Goals with their conversions over the range, a per-day chart, and create / edit / delete. */
export const goalsView: View = async (root, ctx) => {
  const { state, site, shared } = ctx;
  const id = site.publicId;
  const currency = (site as { currency?: string | null }).currency ?? null;
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
  const problem = h('p', { class: 'error', role: 'alert' });
  const rows = goals.map((g, i) => ({ goal: g, stats: stats[i]! }));
  const days = daysOf(r.from, r.to);
  const converted = rows.some((x) => x.stats.conversions > 0);
  append(root, [
    rows.length
      ? h(
          'section',
          { class: 'card', 'data-chart': 'goal-conversions' },
          h('h2', {}, t('goals.perDay')),
          converted
            ? chart({
                x: days.map((d) => Date.parse(`${d}T00:00:00`)),
                step: 'day',
                series: rows.map(({ goal, stats: s }) => ({
                  label: goal.name,
                  values: conversionsPerDay(days, s.byDay),
                })),
                fmt: fmtInt,
                label: t('goals.perDayLabel'),
                table: { title: t('goals.perDay'), csvName: `goal-days-${id}` },
              })
            : h('p', { class: 'muted' }, t('goals.noConversions')),
        )
      : null,
    dataTable({
      title: t('goals.title'),
      rows,
      csvName: `goals-${id}`,
      empty: t('goals.empty'),
      columns: [
        { key: 'name', label: t('goals.goal'), value: (x) => x.goal.name },
        { key: 'definition', label: t('goals.counts'), value: (x) => describeGoal(x.goal.definition) },
        {
          key: 'conversions',
          label: t('goals.conversions'),
          value: (x) => x.stats.conversions,
          format: (x) => fmtInt(x.stats.conversions),
          numeric: true,
        },
        {
          key: 'visitors',
          label: t('goals.convertedVisitors'),
          value: (x) => x.stats.convertedVisitors,
          format: (x) => fmtInt(x.stats.convertedVisitors),
          numeric: true,
          optional: true,
        },
        {
          key: 'rate',
          label: t('goals.rate'),
          value: (x) => x.stats.visitorConversionRate,
          format: (x) => fmtPct(x.stats.visitorConversionRate),
          numeric: true,
        },
        {
          key: 'value',
          label: currency ? t('goals.valueIn', { currency }) : t('goals.value'),
          value: (x) => x.stats.value,
          format: (x) => (x.goal.value === null && !x.stats.value ? '—' : fmtMoney(x.stats.value, currency)),
          numeric: true,
          optional: true,
        },
      ],
    }),
    shared || !goals.length
      ? null
      : h(
          'div',
          { class: 'row goal-actions' },
          goals.flatMap((g) => [
            g.definition.kind === 'composite'
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'ghost small',
                    onclick: () => {
                      replace(editor, goalForm(id, names, g, currency, redraw));
                      editor.querySelector<HTMLInputElement>('input')?.focus();
                    },
                  },
                  t('goals.edit', { name: g.name }),
                ),
            deleteButton(id, g, redraw, problem),
          ]),
        ),
    shared ? null : problem,
    shared ? null : editor,
    shared ? null : goalForm(id, names, null, currency, redraw),
  ]);
};
