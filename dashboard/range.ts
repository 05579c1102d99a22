export type Preset = 'today' | '7d' | '30d' | 'custom';
export const PRESETS: { id: Preset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 d' },
  { id: '30d', label: '30 d' },
  { id: 'custom', label: 'Custom' },
];

export interface Range {
  from: number;
  to: number;
  bucket: 'hour' | 'day';
}

const DAY = 24 * 60 * 60 * 1000;

/** Local midnight of the day holding `ts`. */
export function startOfDay(ts: number): number {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** `2026-11-23` (local) → ms of that local midnight; NaN for junk. */
export function parseDay(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : NaN;
}

export function formatDay(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The range a preset means in the viewer's time zone: whole local days ending with today
 * (custom: `fromDay`…`toDay` inclusive). Today is shown per hour, longer ranges per day.
 */
export function rangeFor(preset: Preset, now: number, fromDay?: string, toDay?: string): Range {
  const tomorrow = startOfDay(startOfDay(now) + DAY + 3_600_000);
  if (preset === 'custom') {
    const from = parseDay(fromDay ?? '');
    const toStart = parseDay(toDay ?? '');
    if (Number.isFinite(from) && Number.isFinite(toStart) && toStart >= from) {
      const to = startOfDay(toStart + DAY + 3_600_000);
      return { from, to, bucket: to - from <= 2 * DAY ? 'hour' : 'day' };
    }
    return rangeFor('7d', now);
  }
  const days = preset === 'today' ? 1 : preset === '7d' ? 7 : 30;
  const from = startOfDay(tomorrow - days * DAY + 3_600_000);
  return { from, to: tomorrow, bucket: days === 1 ? 'hour' : 'day' };
}
