import { ApiError, api } from '../api';
import { append, h, replace } from '../dom';
import type { View } from './view';

interface Settings {
  language: 'en' | 'ru';
  leadKinds: string[];
  forms: string[];
  businessHours: { days: number[]; open: string; close: string } | null;
  reminders: boolean;
  chainAlerts: boolean;
  digest: 'weekly' | 'daily' | 'off';
}
type Channel = Record<string, unknown> & { id: number; kind: string; name: string; enabled: boolean };
interface Delivery {
  id: number;
  channelId: number;
  type: string;
  createdAt: number;
  status: string;
  attempts: number;
  nextAt: number | null;
  responseCode: number | null;
  lastError: string | null;
}

const LEAD_KINDS: [string, string][] = [
  ['callback_request', 'Callback requests'],
  ['form_submit', 'Valid form submits'],
  ['chat_open', 'Chat opened'],
  ['messenger_click', 'Messenger clicks'],
  ['call_click', 'Call clicks'],
];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const FIELDS: Record<string, [string, string, string][]> = {
  webhook: [
    ['url', 'URL', 'url'],
    ['secret', 'Secret (copy it to the receiver now: it is never shown again)', 'text'],
  ],
  telegram: [
    ['botToken', 'Bot token', 'password'],
    ['chatId', 'Chat id', 'text'],
  ],
  email: [
    ['host', 'SMTP host', 'text'],
    ['port', 'Port', 'number'],
    ['user', 'User', 'text'],
    ['password', 'Password', 'password'],
    ['from', 'From', 'email'],
    ['to', 'To (comma-separated)', 'text'],
  ],
};

const randomSecret = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
const when = (ms: number | null): string => (ms ? new Date(ms).toLocaleString() : '—');
const errorOf = (err: unknown): string =>
  err instanceof ApiError || err instanceof Error ? err.message : String(err);
const check = (name: string, label: string, checked: boolean) =>
  h('label', {}, h('input', { type: 'checkbox', name, checked }), ` ${label}`);

function settingsForm(base: string, s: Settings): HTMLElement {
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

function channelRow(base: string, ch: Channel, reload: () => void): HTMLElement {
  const result = h('span', { role: 'status' });
  const summary =
    ch.kind === 'webhook'
      ? String(ch.url)
      : ch.kind === 'telegram'
        ? `chat ${String(ch.chatId)}`
        : (ch.to as string[]).join(', ');
  return h(
    'li',
    { class: 'channel' },
    h('strong', {}, ch.name),
    ` (${ch.kind}${ch.enabled ? '' : ', off'}) ${summary} `,
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: () => {
          replace(result, 'Sending…');
          api<{ ok: boolean; responseCode: number | null; error: string | null }>(
            `${base}/channels/${ch.id}/test`,
            { method: 'POST' },
          ).then(
            (r) =>
              replace(
                result,
                r.ok ? `Delivered (${r.responseCode ?? 'ok'})` : `Failed: ${r.error ?? r.responseCode}`,
              ),
            (err) => replace(result, errorOf(err)),
          );
        },
      },
      'Send a test alert',
    ),
    ' ',
    h(
      'button',
      {
        type: 'button',
        class: 'ghost small',
        onclick: () => void api(`${base}/channels/${ch.id}`, { method: 'DELETE' }).then(reload),
      },
      'Delete',
    ),
    ' ',
    result,
  );
}

function addChannelForm(base: string, reload: () => void): HTMLElement {
  const fields = h('div');
  const error = h('p', { class: 'error', role: 'alert' });
  const kind = h(
    'select',
    { name: 'kind', 'aria-label': 'Channel kind' },
    Object.keys(FIELDS).map((k) => h('option', { value: k }, k)),
  );
  const draw = () =>
    replace(
      fields,
      FIELDS[kind.value]!.map(([name, label, type]) =>
        h(
          'label',
          {},
          `${label} `,
          h('input', {
            name,
            type,
            required: name !== 'user' && name !== 'password',
            value: name === 'secret' ? randomSecret() : name === 'port' ? '587' : '',
          }),
        ),
      ),
    );
  kind.addEventListener('change', draw);
  draw();
  const form = h(
    'form',
    { class: 'add-channel' },
    h('h2', {}, 'Add a channel'),
    kind,
    fields,
    h('button', { type: 'submit' }, 'Add'),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body: Record<string, unknown> = { kind: kind.value };
    for (const [k, v] of new FormData(form)) if (k !== 'kind' && v !== '') body[k] = String(v);
    if (body.port) body.port = Number(body.port);
    if (typeof body.to === 'string')
      body.to = body.to
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    api(`${base}/channels`, { method: 'POST', body }).then(reload, (err) => replace(error, errorOf(err)));
  });
  return form;
}

function deliveryLog(base: string, rows: Delivery[], channels: Channel[], reload: () => void): HTMLElement {
  const name = (id: number) => channels.find((c) => c.id === id)?.name ?? `#${id}`;
  return h(
    'section',
    {},
    h('h2', {}, 'Delivery log'),
    rows.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Time', 'Channel', 'Alert', 'Status', 'Code', 'Tries', 'Next try', ''].map((c) =>
                h('th', {}, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h(
                'tr',
                {},
                h('td', {}, when(r.createdAt)),
                h('td', {}, name(r.channelId)),
                h('td', {}, r.type),
                h('td', { title: r.lastError ?? '' }, r.status),
                h('td', {}, r.responseCode ?? '—'),
                h('td', {}, r.attempts),
                h('td', {}, when(r.nextAt)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'ghost small',
                      onclick: () =>
                        void api(`${base}/deliveries/${r.id}/redeliver`, { method: 'POST' }).then(reload),
                    },
                    'Redeliver',
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', {}, 'Nothing sent yet.'),
  );
}

async function journey(base: string, visitor: string): Promise<HTMLElement> {
  const j = await api<{ steps: { name: string; time: string; page: string | null }[] }>(
    `${base}/journey/${encodeURIComponent(visitor)}`,
  );
  return h(
    'section',
    { class: 'journey' },
    h('h2', {}, `Visitor ${visitor}: journey`),
    h(
      'ol',
      {},
      j.steps.map((s) =>
        h('li', {}, `${new Date(s.time).toLocaleString()} · ${s.name}${s.page ? ` · ${s.page}` : ''}`),
      ),
    ),
  );
}

/** Alerts: channels with a test button, what counts as a lead, hours, digests, the delivery log. */
export const alertsView: View = async (root, ctx) => {
  const { site, state } = ctx;
  const base = `/api/sites/${encodeURIComponent(site.publicId)}/alerts`;
  const reload = () => void alertsView(root, ctx);
  const [data, log] = await Promise.all([
    api<{ settings: Settings; channels: Channel[] }>(base),
    api<Delivery[]>(`${base}/deliveries`),
  ]);
  replace(root);
  if (state.extra.visitor) append(root, [await journey(base, state.extra.visitor)]);
  append(root, [
    h(
      'section',
      {},
      h('h2', {}, 'Channels'),
      data.channels.length
        ? h(
            'ul',
            {},
            data.channels.map((c) => channelRow(base, c, reload)),
          )
        : h('p', {}, 'No channels yet: add one below.'),
    ),
    addChannelForm(base, reload),
    settingsForm(base, data.settings),
    deliveryLog(base, log, data.channels, reload),
  ]);
};
