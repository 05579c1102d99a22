import { api } from '../api';
import { h, replace } from '../dom';
import { type FieldInfo, showFieldError } from '../field-error';
import { fmtWeekday } from '../format';
import { LANGS, t } from '../i18n';
import { check, named } from './alert-common';

export interface Settings {
  language: 'en' | 'ru';
  leadKinds: string[];
  forms: string[];
  businessHours: { days: number[]; open: string; close: string } | null;
  reminders: boolean;
  chainAlerts: boolean;
  digest: 'weekly' | 'daily' | 'off';
  leadBurst: { limit: number; windowMinutes: number } | null;
}
const LEAD_KINDS = ['callback_request', 'form_submit', 'chat_open', 'messenger_click', 'call_click'];
// The API counts days from Monday (0); fmtWeekday from Sunday, as Date.getDay() does.
const DAYS = [0, 1, 2, 3, 4, 5, 6];
const weekday = (day: number) => fmtWeekday((day + 1) % 7);
// Shown when grouping is off, so ticking it proposes the collector's default.
const BURST = { limit: 5, windowMinutes: 5 };

/** Lead alerts grouped past `limit` per `windowMinutes`; unticked sends every lead alone (null). */
function burstControls(s: Settings) {
  const on = h('input', { type: 'checkbox', name: 'burst', checked: s.leadBurst !== null });
  const number = (name: string, value: number, max: number) =>
    h('input', { name, type: 'number', min: 1, max, step: 1, value: String(value) });
  const limit = number('burstLimit', (s.leadBurst ?? BURST).limit, 1000);
  const window = number('burstWindow', (s.leadBurst ?? BURST).windowMinutes, 60);
  const sync = () => {
    limit.disabled = !on.checked;
    window.disabled = !on.checked;
  };
  on.addEventListener('change', sync);
  sync();
  const box = h(
    'fieldset',
    { class: 'lead-burst' },
    h('legend', {}, t('alerts.burst.legend')),
    h('label', {}, on, ` ${t('alerts.burst.group')}`),
    h('label', {}, `${t('alerts.burst.limit')} `, limit),
    h('label', {}, `${t('alerts.burst.window')} `, window),
  );
  const value = () =>
    on.checked ? { limit: Number(limit.value), windowMinutes: Number(window.value) } : null;
  return { box, on, limit, window, value };
}

/** What alerts: lead kinds, forms, language, reminders, broken chains, digest, business hours, grouping. */
export function settingsForm(base: string, s: Settings): HTMLElement {
  const status = h('p', { role: 'status' });
  const forms = h('input', { name: 'forms', value: s.forms.join(', ') });
  const open = h('input', {
    name: 'open',
    type: 'time',
    value: s.businessHours?.open ?? '09:00',
    'aria-label': t('alerts.settings.opens'),
  });
  const close = h('input', {
    name: 'close',
    type: 'time',
    value: s.businessHours?.close ?? '18:00',
    'aria-label': t('alerts.settings.closes'),
  });
  const burst = burstControls(s);
  // The field a refusal names (`leadBurst.limit`, `forms[3]`) in the form's own words.
  const fields: Record<string, FieldInfo> = {
    leadKinds: { label: 'alerts.settings.leads', hint: 'alerts.hint.leadKinds' },
    forms: { label: 'alerts.settings.forms', hint: 'alerts.hint.forms', control: forms },
    businessHours: { label: 'alerts.settings.hours', hint: 'alerts.hint.hours', control: open },
    'leadBurst.limit': { label: 'alerts.burst.limit', hint: 'alerts.hint.limit', control: burst.limit },
    'leadBurst.windowMinutes': {
      label: 'alerts.burst.window',
      hint: 'alerts.hint.window',
      control: burst.window,
    },
    leadBurst: { label: 'alerts.burst.limit', hint: 'alerts.hint.limit', control: burst.on },
  };
  const form = h(
    'form',
    { class: 'alert-settings', novalidate: true },
    h('h2', {}, t('alerts.settings.title')),
    h(
      'fieldset',
      {},
      h('legend', {}, t('alerts.settings.leads')),
      LEAD_KINDS.map((k) => check(`lead-${k}`, named('lead', k), s.leadKinds.includes(k))),
    ),
    h('label', {}, `${t('alerts.settings.forms')} `, forms),
    h(
      'label',
      {},
      `${t('alerts.settings.language')} `,
      h(
        'select',
        { name: 'language' },
        (['en', 'ru'] as const).map((l) => h('option', { value: l, selected: s.language === l }, LANGS[l])),
      ),
    ),
    check('reminders', t('alerts.settings.reminders'), s.reminders),
    check('chainAlerts', t('alerts.settings.chainAlerts'), s.chainAlerts),
    h(
      'label',
      {},
      `${t('alerts.settings.digest')} `,
      h(
        'select',
        { name: 'digest' },
        ['weekly', 'daily', 'off'].map((d) =>
          h('option', { value: d, selected: s.digest === d }, named('digest', d)),
        ),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('alerts.settings.hours')),
      DAYS.map((i) => check(`day-${i}`, weekday(i), s.businessHours?.days.includes(i) ?? false)),
      open,
      close,
    ),
    burst.box,
    h('button', { type: 'submit' }, t('alerts.settings.save')),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    replace(status);
    const f = new FormData(form);
    const days = DAYS.filter((i) => f.get(`day-${i}`));
    const body = {
      leadKinds: LEAD_KINDS.filter((k) => f.get(`lead-${k}`)),
      forms: forms.value
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      language: f.get('language'),
      reminders: !!f.get('reminders'),
      chainAlerts: !!f.get('chainAlerts'),
      digest: f.get('digest'),
      businessHours: days.length ? { days, open: open.value, close: close.value } : null,
      leadBurst: burst.value(),
    };
    for (const x of Object.values(fields)) x.control?.removeAttribute('aria-invalid');
    api(`${base}/settings`, { method: 'PATCH', body }).then(
      () => replace(status, t('alerts.settings.saved')),
      (err) => showFieldError(status, err, fields),
    );
  });
  return form;
}
