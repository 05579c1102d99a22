import { currencySelect } from '../currency-select';
import { h } from '../dom';
import { type FieldInfo, showFieldError, showLocalError } from '../field-error';
import { createGoal, type Goal, type GoalDefinition, type GoalInput, updateGoal } from '../goals-api';
import { type MessageKey, t } from '../i18n';
import { pickableTouchpoints, touchpointFromText } from '../touchpoint-label';

type Kind = 'page' | 'event' | 'contact';
const KINDS: { id: Kind; label: MessageKey }[] = [
  { id: 'page', label: 'goals.kind.page' },
  { id: 'event', label: 'goals.kind.event' },
  { id: 'contact', label: 'goals.kind.contact' },
];
/** The "another name" choice of the touchpoint picker: a custom event typed by hand. */
const OTHER = '';

export interface GoalFormOptions {
  site: string;
  /** Event names the site has sent (custom ones join the picker). */
  names: string[];
  /** The goal to edit; null for a new one. */
  goal: Goal | null;
  /** The site's currency, proposed for a new goal's value. */
  siteCurrency: string | null;
  done: () => void;
}

const field = (id: string, label: string, control: HTMLElement) =>
  h('div', { class: 'field' }, h('label', { for: id }, label), control);

/** Create or edit one goal (page, touchpoint or contact); composite goals are edited through the API. */
export function goalForm({ site, names, goal, siteCurrency, done }: GoalFormOptions): HTMLElement {
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
  const currency = currencySelect(
    { name: 'goal-currency', id: `goal-currency-${uid}` },
    goal ? goal.currency : siteCurrency,
    t('goals.noCurrency'),
  );
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
    currency: { label: 'goals.currency', hint: 'goals.hint.currency', control: currency },
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
    const input: GoalInput = {
      name: name.value.trim(),
      value: value.value === '' ? null : Number(value.value),
      currency: currency.value || null,
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
      field(value.id, t('goals.value'), value),
      field(currency.id, t('goals.currency'), currency),
      h('button', { type: 'submit' }, goal ? t('goals.save') : t('goals.create')),
    ),
    error,
  );
}
