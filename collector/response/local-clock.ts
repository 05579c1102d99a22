/** Where report hours and weekdays are read: an IANA time zone, or a fixed offset east of UTC. */
export type ClockZone = { timeZone: string } | { utcOffsetMinutes: number };

/** Hour 0–23 and weekday 0–6 (Monday first, as ISO 8601 counts) of an instant, on a local clock. */
export interface LocalTime {
  hour: number;
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();

/** True for a time zone name the runtime knows (`Europe/Moscow`, `UTC`); at most 64 characters. */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The local hour and weekday of `ts`; a zone with daylight saving time is read at that instant. */
export function localTime(ts: number, zone: ClockZone): LocalTime {
  if ('utcOffsetMinutes' in zone) {
    const d = new Date(ts + zone.utcOffsetMinutes * 60_000);
    return { hour: d.getUTCHours(), weekday: (d.getUTCDay() + 6) % 7 };
  }
  let f = formats.get(zone.timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone.timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      weekday: 'short',
    });
    formats.set(zone.timeZone, f);
  }
  let hour = 0;
  let weekday = 0;
  for (const p of f.formatToParts(ts)) {
    if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'weekday') weekday = WEEKDAYS.indexOf(p.value);
  }
  return { hour, weekday };
}

/** `Mon` … `Sun` for weekday 0 … 6. */
export const weekdayName = (weekday: number): string => WEEKDAYS[weekday] ?? '';

/** The zone a report asked for: a fixed offset when given, else the time zone (default UTC). */
export const clockZone = (q: {
  timeZone?: string | undefined;
  utcOffsetMinutes?: number | undefined;
}): ClockZone =>
  q.utcOffsetMinutes !== undefined
    ? { utcOffsetMinutes: q.utcOffsetMinutes }
    : { timeZone: q.timeZone ?? 'UTC' };

/** `Europe/Moscow`, or `UTC+03:00` for an offset. */
export function clockLabel(zone: ClockZone): string {
  if ('timeZone' in zone) return zone.timeZone;
  const m = Math.abs(zone.utcOffsetMinutes);
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `UTC${zone.utcOffsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`;
}
