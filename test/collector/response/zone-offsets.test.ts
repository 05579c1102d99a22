import { describe, expect, it } from 'vitest';
import { localTime } from '../../../collector/response/local-clock';
import { offsetAt, zoneOffsets } from '../../../collector/response/zone-offsets';

const HOUR = 3_600_000;

/** Hour and weekday by the spans' arithmetic, as the ClickHouse SQL computes them. */
function bySpans(ts: number, spans: ReturnType<typeof zoneOffsets>) {
  let off = spans[0]!.offsetMs;
  for (const s of spans) if (ts >= s.at) off = s.offsetMs;
  const local = ts + off;
  const d = new Date(local);
  return { hour: d.getUTCHours(), weekday: (d.getUTCDay() + 6) % 7 };
}

describe('zoneOffsets', () => {
  it('finds Berlin’s two changes of 2026 to the millisecond', () => {
    const spans = zoneOffsets({ timeZone: 'Europe/Berlin' }, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(spans.map((s) => [s.at, s.offsetMs / HOUR])).toEqual([
      [-Infinity, 1],
      [Date.UTC(2026, 2, 29, 1), 2],
      [Date.UTC(2026, 9, 25, 1), 1],
    ]);
  });

  it('is one span for a fixed offset or a zone without changes', () => {
    expect(zoneOffsets({ utcOffsetMinutes: -570 }, 0, 1e12)).toEqual([
      { at: -Infinity, offsetMs: -570 * 60_000 },
    ]);
    expect(zoneOffsets({ timeZone: 'Asia/Kolkata' }, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toEqual([
      { at: -Infinity, offsetMs: 5.5 * HOUR },
    ]);
    expect(offsetAt(Date.UTC(2026, 5, 1), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
  });

  it('gives localTime’s hour and weekday for every hour of two years in DST zones', () => {
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago']) {
      const spans = zoneOffsets({ timeZone }, from, to);
      expect(spans.length, timeZone).toBeGreaterThan(2);
      for (let t = from; t < to; t += HOUR + 7 * 60_000) {
        expect(bySpans(t, spans), `${timeZone} ${new Date(t).toISOString()}`).toEqual(
          localTime(t, { timeZone }),
        );
      }
      // Around each change, minute by minute.
      for (const s of spans.slice(1))
        for (let t = s.at - HOUR; t < s.at + HOUR; t += 60_000)
          expect(bySpans(t, spans)).toEqual(localTime(t, { timeZone }));
    }
  });
});
