import { api } from '../api';
import { h } from '../dom';
import { type Channel, when } from './alert-common';

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
    h('h2', {}, 'Delivery log'),
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
          ),
        )
      : h('p', {}, 'Nothing sent yet.'),
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
