import type { BusinessHours } from './alert-types';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();
const MINUTE = 60_000;
/** A standard that cannot be met within this many days of walking the calendar is met never. */
const MAX_DAYS = 14;

/** Weekday (0 = Monday) and minute of the day of `ts` on the zone's clock. */
export function localMinute(ts: number, timeZone: string): { weekday: number; minute: number } {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formats.set(timeZone, f);
  }
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(ts)) {
    if (p.type === 'weekday') weekday = WEEKDAYS.indexOf(p.value);
    else if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { weekday, minute: hour * 60 + minute };
}

const toMinute = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When `minutes` of business time have passed since `ts`: only minutes inside the opening hours
 * (local clock of `timeZone`, daylight saving time included) count; without hours, every minute
 * does. A request that comes in at night is due `minutes` after the next opening.
 */
export function businessDeadline(
  ts: number,
  minutes: number,
  hours: BusinessHours | null,
  timeZone: string,
): number {
  if (!hours) return ts + minutes * MINUTE;
  const open = toMinute(hours.open);
  const close = toMinute(hours.close);
  const days = new Set(hours.days);
  let t = ts;
  let left = minutes;
  let local = localMinute(t, timeZone);
  for (let step = 0; step < MAX_DAYS * 1440; step++) {
    if (left <= 0) return t;
    const isOpen = days.has(local.weekday) && local.minute >= open && local.minute < close;
    t += MINUTE;
    if (isOpen) left--;
    // The zone's offset can change (DST) only at a full local quarter hour: re-read the clock then.
    if ((local.minute + 1) % 15 === 0) local = localMinute(t, timeZone);
    else local = { weekday: local.weekday, minute: local.minute + 1 };
  }
  return Number.POSITIVE_INFINITY;
}
