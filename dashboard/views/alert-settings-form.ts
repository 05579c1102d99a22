import { api } from '../api';
import { h, replace } from '../dom';
import { check, errorOf } from './alert-common';

export interface Settings {
  language: 'en' | 'ru';
  leadKinds: string[];
  forms: string[];
  businessHours: { days: number[]; open: string; close: string } | null;
  reminders: boolean;
  chainAlerts: boolean;
  digest: 'weekly' | 'daily' | 'off';
}
const LEAD_KINDS: [string, string][] = [
  ['callback_request', 'Callback requests'],
  ['form_submit', 'Valid form submits'],
  ['chat_open', 'Chat opened'],
  ['messenger_click', 'Messenger clicks'],
  ['call_click', 'Call clicks'],
];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** What alerts: lead kinds, forms, language, reminders, broken chains, digest, business hours. */
export function settingsForm(base: string, s: Settings): HTMLElement {
  const status = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'alert-settings' },
    h('h2', {}, 'What alerts'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Leads'),
      LEAD_KINDS.map(([k, l]) => check(`lead-${k}`, l, s.leadKinds.includes(k))),
    ),
    h(
      'label',
      {},
      'Only these forms (ids, comma-separated; empty: all) ',
      h('input', { name: 'forms', value: s.forms.join(', ') }),
    ),
    h(
      'label',
      {},
      'Language ',
      h(
        'select',
        { name: 'language' },
        h('option', { value: 'en', selected: s.language === 'en' }, 'English'),
        h('option', { value: 'ru', selected: s.language === 'ru' }, 'Русский'),
      ),
    ),
    check('reminders', 'Remind when a callback request waits past the response standard', s.reminders),
    check(
      'chainAlerts',
      'Broken-chain alerts (a lead touchpoint stops, 404 or invalid-form surges)',
      s.chainAlerts,
    ),
    h(
      'label',
      {},
      'Digest ',
      h(
        'select',
        { name: 'digest' },
        ['weekly', 'daily', 'off'].map((d) => h('option', { value: d, selected: s.digest === d }, d)),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Business hours (none ticked: around the clock)'),
      DAYS.map((d, i) => check(`day-${i}`, d, s.businessHours?.days.includes(i) ?? false)),
      h('input', {
        name: 'open',
        type: 'time',
        value: s.businessHours?.open ?? '09:00',
        'aria-label': 'Opens',
      }),
      h('input', {
        name: 'close',
        type: 'time',
        value: s.businessHours?.close ?? '18:00',
        'aria-label': 'Closes',
      }),
    ),
    h('button', { type: 'submit' }, 'Save'),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const days = DAYS.map((_, i) => i).filter((i) => f.get(`day-${i}`));
    const body = {
      leadKinds: LEAD_KINDS.map(([k]) => k).filter((k) => f.get(`lead-${k}`)),
      forms: String(f.get('forms') ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      language: f.get('language'),
      reminders: !!f.get('reminders'),
      chainAlerts: !!f.get('chainAlerts'),
      digest: f.get('digest'),
      businessHours: days.length ? { days, open: f.get('open'), close: f.get('close') } : null,
    };
    api(`${base}/settings`, { method: 'PATCH', body }).then(
      () => replace(status, 'Saved.'),
      (err) => replace(status, errorOf(err)),
    );
  });
  return form;
}
