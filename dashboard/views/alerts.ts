import { api } from '../api';
import { append, h, replace } from '../dom';
import { type Channel, errorOf } from './alert-common';
import { type Delivery, deliveryLog, journey } from './alert-log';
import { type Settings, settingsForm } from './alert-settings-form';
import type { View } from './view';

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
