import type { ClockZone } from './local-clock';

/** From `at` on (until the next span's `at`), local time is UTC plus `offsetMs`. */
export interface OffsetSpan {
  at: number;
  offsetMs: number;
}

const DAY = 86_400_000;
/** Where an unbounded range is cut: no stored event is older than the epoch or past 2100. */
const FIRST = 0;
const LAST = Date.UTC(2100, 0, 1);
const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ts`, in ms, read from the same Intl data as localTime. */
export function offsetAt(ts: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ts)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return local - Math.floor(ts / 1000) * 1000;
}

/**
 * The zone's offsets over [from, to) as spans, so another engine can read local hours and
 * weekdays with the same answers as localTime (local-clock.ts) from plain arithmetic: ClickHouse
 * 18.16's own time zone data is years older than the runtime's. Sampled daily, each change then
 * found to the millisecond; a zone that changes and changes back within one day (none has since
 * 1970) would be missed.
 */
export function zoneOffsets(zone: ClockZone, from: number, to: number): OffsetSpan[] {
  if ('utcOffsetMinutes' in zone) return [{ at: -Infinity, offsetMs: zone.utcOffsetMinutes * 60_000 }];
  const lo = Math.max(FIRST, Number.isFinite(from) ? from : FIRST);
  const hi = Math.min(LAST, Number.isFinite(to) ? to : LAST);
  const spans: OffsetSpan[] = [{ at: -Infinity, offsetMs: offsetAt(lo, zone.timeZone) }];
  let prev = lo;
  for (let t = lo + DAY; prev < hi; t += DAY) {
    const at = Math.min(t, hi);
    const before = spans[spans.length - 1]!.offsetMs;
    if (offsetAt(at, zone.timeZone) !== before) {
      // The first millisecond in (prev, at] with the new offset.
      let a = prev;
      let b = at;
      while (b - a > 1) {
        const m = Math.floor((a + b) / 2);
        if (offsetAt(m, zone.timeZone) === before) a = m;
        else b = m;
      }
      spans.push({ at: b, offsetMs: offsetAt(b, zone.timeZone) });
    }
    prev = at;
  }
  return spans;
}
