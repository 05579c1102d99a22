import { api } from '../api';
import { append, h, replace } from '../dom';
import { errorText } from '../error-text';
import { type FieldInfo, showFieldError } from '../field-error';
import { type MessageKey, t } from '../i18n';
import { type Channel, named } from './alert-common';
import { type Delivery, deliveryLog, journey } from './alert-log';
import { type Settings, settingsForm } from './alert-settings-form';
import type { View } from './view';

type Field = [name: string, label: MessageKey, type: string, hint: MessageKey];
const FIELDS: Record<string, Field[]> = {
  webhook: [
    ['url', 'alerts.field.url', 'url', 'alerts.hint.url'],
    ['secret', 'alerts.field.secret', 'text', 'alerts.hint.secret'],
  ],
  telegram: [
    ['botToken', 'alerts.field.botToken', 'password', 'alerts.hint.botToken'],
    ['chatId', 'alerts.field.chatId', 'text', 'alerts.hint.chatId'],
  ],
  email: [
    ['host', 'alerts.field.host', 'text', 'alerts.hint.host'],
    ['port', 'alerts.field.port', 'number', 'alerts.hint.port'],
    ['user', 'alerts.field.user', 'text', 'alerts.hint.login'],
    ['password', 'alerts.field.password', 'password', 'alerts.hint.login'],
    ['from', 'alerts.field.from', 'email', 'alerts.hint.from'],
    ['to', 'alerts.field.to', 'text', 'alerts.hint.to'],
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
        ? t('alerts.chat', { id: String(ch.chatId) })
        : (ch.to as string[]).join(', ');
  return h(
    'li',
    { class: 'channel' },
    h('strong', {}, ch.name),
    ` (${named('kind', ch.kind)}${ch.enabled ? '' : `, ${t('alerts.off')}`}) ${summary} `,
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: () => {
          replace(result, t('alerts.sending'));
          api<{ ok: boolean; responseCode: number | null; error: string | null }>(
            `${base}/channels/${ch.id}/test`,
            { method: 'POST' },
          ).then(
            (r) =>
              replace(
                result,
                r.ok
                  ? t('alerts.delivered', { code: String(r.responseCode ?? 'ok') })
                  : t('alerts.failed', { error: r.error ?? String(r.responseCode) }),
              ),
            (err) => replace(result, errorText(err)),
          );
        },
      },
      t('alerts.sendTest'),
    ),
    ' ',
    h(
      'button',
      {
        type: 'button',
        class: 'ghost small',
        onclick: () =>
          void api(`${base}/channels/${ch.id}`, { method: 'DELETE' }).then(reload, (err) =>
            replace(result, errorText(err)),
          ),
      },
      t('alerts.delete'),
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
    { name: 'kind', 'aria-label': t('alerts.add.kind') },
    Object.keys(FIELDS).map((k) => h('option', { value: k }, named('kind', k))),
  );
  // The server names the field it refuses (`url`, `to[1]`): said in the form's words, control marked.
  let infos: Record<string, FieldInfo> = {};
  const draw = () => {
    infos = { channels: { label: 'alerts.channels', hint: 'alerts.hint.channels' } };
    replace(
      fields,
      FIELDS[kind.value]!.map(([name, label, type, hint]) => {
        const control = h('input', {
          name,
          type,
          required: name !== 'user' && name !== 'password',
          value: name === 'secret' ? randomSecret() : name === 'port' ? '587' : '',
        });
        infos[name] = { label, hint, control };
        return h('label', {}, `${t(label)} `, control);
      }),
    );
  };
  kind.addEventListener('change', draw);
  draw();
  const form = h(
    'form',
    { class: 'add-channel' },
    h('h2', {}, t('alerts.add.title')),
    kind,
    fields,
    h('button', { type: 'submit' }, t('alerts.add.submit')),
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
    api(`${base}/channels`, { method: 'POST', body }).then(reload, (err) =>
      showFieldError(error, err, infos),
    );
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
      h('h2', {}, t('alerts.channels')),
      data.channels.length
        ? h(
            'ul',
            {},
            data.channels.map((c) => channelRow(base, c, reload)),
          )
        : h('p', {}, t('alerts.noChannels')),
    ),
    addChannelForm(base, reload),
    settingsForm(base, data.settings),
    deliveryLog(base, log, data.channels, reload),
  ]);
};
