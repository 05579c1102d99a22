const nf = new Intl.NumberFormat('en');

export const fmtInt = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : nf.format(Math.round(n));

/** 0.4567 → "45.7%" */
export const fmtPct = (r: number | null | undefined): string =>
  r === null || r === undefined || !Number.isFinite(r)
    ? '—'
    : `${(r * 100).toFixed(r >= 0.1 || r === 0 ? 0 : 1)}%`;

/** Milliseconds → "850 ms", "42 s", "3 min", "2.5 h", "4 d". */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  // "4 h", not "4.0 h".
  if (s < 36 * 3600) return `${(s / 3600).toFixed(1).replace(/\.0$/, '')} h`;
  return `${(s / 86400).toFixed(1).replace(/\.0$/, '')} d`;
}

/** Change against a previous value: "+12%", "−5%", "new" or "" when both are 0. */
export function fmtChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? '' : 'new';
  const r = (now - before) / before;
  return `${r >= 0 ? '+' : '−'}${Math.abs(Math.round(r * 100))}%`;
}

export const fmtTime = (ts: number): string =>
  new Date(ts).toLocaleString('en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
