import { formatLocale, lang, t } from './i18n';

// Formatters are costly to build and a table formats hundreds of cells: one per locale and kind.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  const full = `${formatLocale()}|${key}`;
  let f = cache.get(full) as T | undefined;
  if (!f) cache.set(full, (f = make()));
  return f;
}
const number = (digits: number) =>
  cached(`n${digits}`, () => new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: digits }));
const percent = (digits: number) =>
  cached(
    `p${digits}`,
    () => new Intl.NumberFormat(formatLocale(), { style: 'percent', maximumFractionDigits: digits }),
  );
const date = (key: string, options: Intl.DateTimeFormatOptions) =>
  cached(`d${key}`, () => new Intl.DateTimeFormat(formatLocale(), options));

const missing = (n: number | null | undefined): n is null | undefined =>
  n === null || n === undefined || !Number.isFinite(n);

export const fmtInt = (n: number | null | undefined): string =>
  missing(n) ? '—' : number(0).format(Math.round(n));

/** A number with up to `digits` decimals: 4.5 → "4.5" (en) or "4,5" (ru). */
export const fmtNumber = (n: number | null | undefined, digits = 1): string =>
  missing(n) ? '—' : number(digits).format(n);

/** 0.4567 → "46%" (en) or "46 %" (ru); under 10 % with one decimal. */
export const fmtPct = (r: number | null | undefined): string =>
  missing(r) ? '—' : percent(r >= 0.1 || r === 0 ? 0 : 1).format(r);

/** Milliseconds → "850 ms", "42 s", "3 min", "2.5 h", "4 d" (units and decimals as the language writes them). */
export function fmtDuration(ms: number | null | undefined): string {
  if (missing(ms)) return '—';
  if (ms < 1000) return t('unit.ms', { n: number(0).format(Math.round(ms)) });
  const s = ms / 1000;
  if (s < 90) return t('unit.s', { n: number(0).format(Math.round(s)) });
  if (s < 90 * 60) return t('unit.min', { n: number(0).format(Math.round(s / 60)) });
  // "4 h", not "4.0 h".
  if (s < 36 * 3600) return t('unit.h', { n: number(1).format(Math.round(s / 360) / 10) });
  return t('unit.d', { n: number(1).format(Math.round(s / 8640) / 10) });
}

/** Change against a previous value: "+12%", "−5%", "new" or "" when both are 0. */
export function fmtChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? '' : t('change.new');
  const r = (now - before) / before;
  return `${r >= 0 ? '+' : '−'}${percent(0).format(Math.abs(Math.round(r * 100)) / 100)}`;
}

/** Day and time, numeric, as the browser's locale writes them: "05.01, 14:30" (ru), "1/5, 2:30 PM" (en-US). */
export const fmtTime = (ts: number): string =>
  date('time', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(ts);

/** Clock time with seconds: "14:30:05". */
export const fmtClock = (ts: number): string =>
  date('clock', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ts);

/** Hour and minute: "14:00" (ru), "02:00 PM" (en-US). */
export const fmtHour = (ts: number): string =>
  date('hour', { hour: '2-digit', minute: '2-digit' }).format(ts);

/** Day and month, numeric: "05.01" (ru, de), "01/05" (en-US), "05/01" (en-GB). */
export const fmtDay = (ts: number): string => date('day', { day: '2-digit', month: '2-digit' }).format(ts);

/** A whole date: "05.01.2026" (ru), "1/5/2026" (en-US). */
export const fmtDate = (ts: number): string =>
  date('date', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(ts);

/** A weekday's short name in the interface language (words follow the language, not the locale). */
export function fmtWeekday(day: number): string {
  // 2024-01-07 was a Sunday: day 0 … 6 as Date.getDay() counts them.
  return new Intl.DateTimeFormat(lang(), { weekday: 'short' }).format(new Date(2024, 0, 7 + day));
}

/**
 * A sum of money in a currency (ISO 4217), or a plain number without one; `whole` rounds to whole
 * units (a headline card: "RUB 2,000", not "RUB 2,000.00").
 */
export function fmtMoney(n: number | null | undefined, currency?: string | null, whole = false): string {
  if (missing(n)) return '—';
  const digits = whole ? 0 : 2;
  if (!currency) return number(digits).format(n);
  try {
    return cached(
      `c${currency}${digits}`,
      () =>
        new Intl.NumberFormat(formatLocale(), {
          style: 'currency',
          currency,
          maximumFractionDigits: digits,
          ...(whole ? { minimumFractionDigits: 0 } : {}),
        }),
    ).format(n);
  } catch {
    return `${number(digits).format(n)} ${currency}`;
  }
}
