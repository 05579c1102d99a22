import { type CompareMode, isPreset, type Preset, type Range, rangeFor } from './range';

/** Everything a view depends on lives in the URL hash, so a reload or a shared URL shows the same. */
export interface ViewState {
  view: string;
  site: string;
  preset: Preset;
  fromDay?: string;
  toDay?: string;
  channel?: string;
  device?: string;
  page?: string;
  /** How `page` matches: part of the path or its start (the whole path when unset). */
  pageMatch?: PageMatch;
  /** Compare with the period before (`compare=1` in the URL) or the same dates a year earlier (`compare=year`). */
  compare?: CompareMode;
  /** View-specific extras (e.g. a funnel definition), kept as strings. */
  extra: Record<string, string>;
}

export type PageMatch = 'contains' | 'prefix';
const PAGE_MATCHES: readonly string[] = ['contains', 'prefix'];

const KNOWN = new Set(['site', 'range', 'from', 'to', 'channel', 'device', 'page', 'match', 'compare']);

/** `#/overview?site=abc&range=7d` → state. */
export function parseHash(hash: string): ViewState {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const q = new URLSearchParams(query);
  const range = q.get('range');
  const preset: Preset = isPreset(range) ? range : '7d';
  const extra: Record<string, string> = {};
  for (const [k, v] of q) if (!KNOWN.has(k)) extra[k] = v;
  const s: ViewState = {
    view: path || 'overview',
    site: q.get('site') ?? '',
    preset,
    extra,
  };
  const compare = q.get('compare');
  if (compare === '1' || compare === 'year') s.compare = compare === '1' ? 'previous' : 'year';
  for (const k of ['channel', 'device', 'page'] as const) {
    const v = q.get(k);
    if (v) s[k] = v;
  }
  const match = q.get('match');
  if (s.page && match && PAGE_MATCHES.includes(match)) s.pageMatch = match as PageMatch;
  const from = q.get('from');
  const to = q.get('to');
  if (from) s.fromDay = from;
  if (to) s.toDay = to;
  return s;
}

export function toHash(s: ViewState): string {
  const q = new URLSearchParams();
  if (s.site) q.set('site', s.site);
  q.set('range', s.preset);
  if (s.preset === 'custom') {
    if (s.fromDay) q.set('from', s.fromDay);
    if (s.toDay) q.set('to', s.toDay);
  }
  for (const k of ['channel', 'device', 'page'] as const) if (s[k]) q.set(k, s[k]!);
  if (s.page && s.pageMatch) q.set('match', s.pageMatch);
  if (s.compare) q.set('compare', s.compare === 'year' ? 'year' : '1');
  for (const [k, v] of Object.entries(s.extra)) if (v) q.set(k, v);
  return `#/${s.view}?${q.toString()}`;
}

export const current = (): ViewState => parseHash(location.hash);

/** Changes the URL; the hashchange listener re-renders. `extra` is reset when the view changes. */
export function navigate(patch: Partial<ViewState>): void {
  const s = current();
  const next = { ...s, ...patch, extra: patch.extra ?? (patch.view && patch.view !== s.view ? {} : s.extra) };
  location.hash = toHash(next);
}

export const rangeOf = (s: ViewState, now = Date.now()): Range => rangeFor(s.preset, now, s.fromDay, s.toDay);

/** The query every ranged API route takes. */
export function rangeQuery(s: ViewState, withFilters = true): Record<string, string | number | undefined> {
  const r = rangeOf(s);
  return {
    from: r.from,
    to: r.to,
    bucket: r.bucket,
    ...(withFilters
      ? { channel: s.channel, device: s.device, page: s.page, pageMatch: s.page ? s.pageMatch : undefined }
      : {}),
  };
}
