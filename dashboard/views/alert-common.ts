import { h } from '../dom';
import { fmtTime } from '../format';
import { hasKey, t } from '../i18n';

/** A channel as the API answers it: its kind's fields, secrets masked. */
export type Channel = Record<string, unknown> & { id: number; kind: string; name: string; enabled: boolean };

/** A time in the browser's locale, "—" for none. */
export const when = (ms: number | null): string => (ms ? fmtTime(ms) : '—');

/** `alerts.{group}.{value}` when the interface has words for it, else the API's own value. */
export function named(group: string, value: string): string {
  const key = `alerts.${group}.${value}`;
  return hasKey(key) ? t(key) : value;
}

export const check = (name: string, label: string, checked: boolean) =>
  h('label', {}, h('input', { type: 'checkbox', name, checked }), ` ${label}`);
