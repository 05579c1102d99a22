import { ApiError } from '../api';
import { h } from '../dom';

/** A channel as the API answers it: its kind's fields, secrets masked. */
export type Channel = Record<string, unknown> & { id: number; kind: string; name: string; enabled: boolean };

export const errorOf = (err: unknown): string =>
  err instanceof ApiError || err instanceof Error ? err.message : String(err);
export const when = (ms: number | null): string => (ms ? new Date(ms).toLocaleString() : '—');
export const check = (name: string, label: string, checked: boolean) =>
  h('label', {}, h('input', { type: 'checkbox', name, checked }), ` ${label}`);
