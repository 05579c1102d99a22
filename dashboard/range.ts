export const PRESET_IDS = ['today', 'yesterday', '7d', '30d', 'lastMonth', 'thisYear', 'custom'] as const;
export type Preset = (typeof PRESET_IDS)[number];
export const isPreset = (x: unknown): x is Preset => PRESET_IDS.includes(x as Preset);

/** What the range is compared with: the period of the same length before, or the same dates a year earlier. */
export type CompareMode = 'previous' | 'year';

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

/** Local midnight of the day after the one holding `ts` (an hour added so a DST day still lands on the next). */
const nextDay = (ts: number) => startOfDay(startOfDay(ts) + DAY + 3_600_000);

/** `2026-11-23` (local) → ms of that local midnight; NaN for junk. */
export function parseDay(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : NaN;
}

export function formatDay(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const bucketOf = (from: number, to: number): Range['bucket'] => (to - from <= 2 * DAY ? 'hour' : 'day');

/** Why a custom range cannot be shown, or null when it can. */
export function customRangeProblem(fromDay?: string, toDay?: string): 'invalid' | 'backwards' | null {
  const from = parseDay(fromDay ?? '');
  const to = parseDay(toDay ?? '');
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'invalid';
  return to < from ? 'backwards' : null;
}

/**
 * The range a preset means in the viewer's time zone: whole local days (custom: `fromDay`…`toDay`
 * inclusive). Up to two days are shown per hour, longer ranges per day. A custom range that is
 * not valid falls back to 7 days; `customRangeProblem` says why, and the app says it to the user.
 */
export function rangeFor(preset: Preset, now: number, fromDay?: string, toDay?: string): Range {
  const today = startOfDay(now);
  const tomorrow = nextDay(now);
  const d = new Date(now);
  switch (preset) {
    case 'custom': {
      if (customRangeProblem(fromDay, toDay)) return rangeFor('7d', now);
      const from = parseDay(fromDay!);
      const to = nextDay(parseDay(toDay!));
      return { from, to, bucket: bucketOf(from, to) };
    }
    case 'today':
      return { from: today, to: tomorrow, bucket: 'hour' };
    case 'yesterday':
      return { from: startOfDay(today - DAY / 2), to: today, bucket: 'hour' };
    case 'lastMonth':
      return {
        from: new Date(d.getFullYear(), d.getMonth() - 1, 1).getTime(),
        to: new Date(d.getFullYear(), d.getMonth(), 1).getTime(),
        bucket: 'day',
      };
    case 'thisYear': {
      const from = new Date(d.getFullYear(), 0, 1).getTime();
      return { from, to: tomorrow, bucket: bucketOf(from, tomorrow) };
    }
    default: {
      const days = preset === '7d' ? 7 : 30;
      return { from: startOfDay(tomorrow - days * DAY + 3_600_000), to: tomorrow, bucket: 'day' };
    }
  }
}

/** The same local wall-clock time `years` earlier (29 February becomes 1 March). */
function yearsBefore(ts: number, years: number): number {
  const d = new Date(ts);
  d.setFullYear(d.getFullYear() - years);
  return d.getTime();
}

/**
 * The range a comparison draws beside `r`: the period of the same length right before it (for
 * "Last month", the whole month before), or the same dates a year earlier.
 */
export function comparisonRange(r: Range, mode: CompareMode, preset?: Preset): Range {
  if (mode === 'year') return { from: yearsBefore(r.from, 1), to: yearsBefore(r.to, 1), bucket: r.bucket };
  if (preset === 'lastMonth') {
    const d = new Date(r.from);
    return { from: new Date(d.getFullYear(), d.getMonth() - 1, 1).getTime(), to: r.from, bucket: r.bucket };
  }
  return { from: r.from - (r.to - r.from), to: r.from, bucket: r.bucket };
}
