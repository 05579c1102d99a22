import { h } from '../dom';
import { fmtChange } from '../format';
import { type MessageKey, t } from '../i18n';

/** A total with, when comparing, its change against the earlier period ("+12% vs 410 in the previous period"). */
export function statCard(
  key: string,
  label: string,
  value: string,
  compared?: { now: number; before: number; beforeText: string; vs: string },
): HTMLElement {
  const change = compared ? fmtChange(compared.now, compared.before) : '';
  return h(
    'div',
    { class: 'stat card', 'data-stat': key },
    h('span', { class: 'stat-label' }, label),
    h('strong', { class: 'stat-value' }, value),
    compared
      ? h(
          'span',
          {
            class: `stat-change ${change.startsWith('−') ? 'down' : change ? 'up' : ''}`,
            'data-previous': compared.before,
          },
          change || '±0%',
          ` ${t(compared.vs as MessageKey, { before: compared.beforeText })}`,
        )
      : null,
  );
}
