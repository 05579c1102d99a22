import { api } from '../api';
import { h } from '../dom';
import { fmtTime } from '../format';
import { type MessageKey, t } from '../i18n';
import { touchpointLabel } from '../touchpoint-label';
import { type Channel, named, when } from './alert-common';

export interface Delivery {
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

const COLUMNS: (MessageKey | '')[] = [
  'alerts.log.time',
  'alerts.log.channel',
  'alerts.log.alert',
  'alerts.log.status',
  'alerts.log.code',
  'alerts.log.tries',
  'alerts.log.next',
  '',
];

/** The delivery log (time, channel, status, response code, next try) with a redeliver button each. */
export function deliveryLog(
  base: string,
  rows: Delivery[],
  channels: Channel[],
  reload: () => void,
): HTMLElement {
  const name = (id: number) => channels.find((c) => c.id === id)?.name ?? `#${id}`;
  return h(
    'section',
    {},
    h('h2', {}, t('alerts.log.title')),
    rows.length
      ? // The log is wider than a phone: it scrolls on its own, the page does not.
        h(
          'div',
          { class: 'scroll-x' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                COLUMNS.map((c) => h('th', {}, c && t(c))),
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
                  h('td', { 'data-col': 'type' }, named('type', r.type)),
                  h('td', { 'data-col': 'status', title: r.lastError ?? '' }, named('status', r.status)),
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
                      t('alerts.log.redeliver'),
                    ),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', {}, t('alerts.log.empty')),
  );
}

/** One visitor's touchpoints, opened from an alert's journey link. */
export async function journey(base: string, visitor: string): Promise<HTMLElement> {
  const j = await api<{ steps: { name: string; time: string; page: string | null }[] }>(
    `${base}/journey/${encodeURIComponent(visitor)}`,
  );
  return h(
    'section',
    { class: 'journey' },
    h('h2', {}, t('alerts.journey', { visitor })),
    h(
      'ol',
      {},
      j.steps.map((s) =>
        h(
          'li',
          {},
          `${fmtTime(Date.parse(s.time))} · ${touchpointLabel(s.name)}${s.page ? ` · ${s.page}` : ''}`,
        ),
      ),
    ),
  );
}
