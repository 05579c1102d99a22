import type { DroppedEvents } from '../../collector/ingest/drop-log';
import type { FirstEventCheck } from '../../collector/reports/types';
import { api } from '../api';
import { h, replace } from '../dom';
import { fmtTime } from '../format';
import { t } from '../i18n';
import { every } from '../lifecycle';
import { codeText } from '../touchpoint-label';

interface SetupCheck extends FirstEventCheck {
  hostnames: string[];
  dropped: DroppedEvents[];
}

/** Why events were left out, in words, with the fix where the dashboard can make it. */
function dropLine(site: string, hostnames: string[], d: DroppedEvents): HTMLElement {
  if (d.reason === 'hostname' && d.host) {
    const add = h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: async () => {
          add.disabled = true;
          await api(`/api/sites/${encodeURIComponent(site)}`, {
            method: 'PATCH',
            body: { hostnames: [...hostnames, d.host] },
          }).catch(() => (add.disabled = false));
        },
      },
      t('setup.drop.add', { host: d.host }),
    );
    return h(
      'li',
      { 'data-drop': d.reason },
      t('setup.drop.hostname', { host: d.host, n: d.count }),
      ' ',
      add,
    );
  }
  return h(
    'li',
    { 'data-drop': d.reason },
    t(
      d.reason === 'bot'
        ? 'setup.drop.bot'
        : d.reason === 'identify'
          ? 'setup.drop.identify'
          : 'setup.drop.other',
      {
        n: d.count,
      },
    ),
  );
}

/** Polls until the site's first event arrives; the line turns green then, or says why events are left out. */
export function firstEventCheck(site: string): HTMLElement {
  const line = h(
    'p',
    { class: 'waiting', role: 'status', 'aria-live': 'polite', 'data-first-event': 'waiting' },
    t('setup.waiting'),
  );
  const why = h('ul', { class: 'drops', 'aria-live': 'polite' });
  let shown = '';
  const check = async () => {
    const r = await api<SetupCheck>(`/api/sites/${encodeURIComponent(site)}/setup-check`).catch(() => null);
    if (!r) return;
    // Redrawn only when the reasons change, so a button being pressed is not replaced under the pointer.
    const key = JSON.stringify(r.dropped.map((d) => [d.reason, d.host, d.count]));
    if (key !== shown) {
      shown = key;
      replace(
        why,
        r.dropped.map((d) => dropLine(site, r.hostnames, d)),
      );
    }
    if (!r.hasEvents || !r.latest) return;
    line.className = 'ok';
    line.dataset.firstEvent = 'received';
    replace(
      line,
      `✓ ${t('setup.receiving')} `,
      codeText(r.latest.name, ''),
      r.latest.path ? [` ${t('setup.on')} `, codeText(r.latest.path, '')] : null,
      ` ${t('setup.at', { time: fmtTime(r.latest.ts) })}`,
    );
  };
  void check();
  every(2000, check);
  return h('div', { class: 'first-event' }, line, why);
}
