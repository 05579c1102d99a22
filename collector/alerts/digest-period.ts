const DAY = 86_400_000;

/** The zone's offset from UTC at `ts`, in ms (east positive). */
export function zoneOffsetMs(ts: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ts);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  return local - Math.floor(ts / 1000) * 1000;
}

/** When a digest is due, and the period it covers. */
export const DIGEST_HOUR = 9;

/**
 * The last complete period on the site's clock: yesterday (daily) or last Monday–Sunday (weekly),
 * sent from 09:00 local of the day after. null before 09:00, so a digest never arrives at night.
 */
export function digestPeriod(
  now: number,
  period: 'weekly' | 'daily',
  timeZone: string,
): { from: number; to: number } | null {
  const off = zoneOffsetMs(now, timeZone);
  const localNow = now + off;
  const dayStart = Math.floor(localNow / DAY) * DAY;
  if (localNow - dayStart < DIGEST_HOUR * 3600_000) return null;
  // 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Mondays.
  const weekday = (Math.floor(localNow / DAY) + 3) % 7;
  const to = period === 'daily' ? dayStart : dayStart - weekday * DAY;
  const from = to - (period === 'daily' ? DAY : 7 * DAY);
  // Back to UTC instants (the offset at the boundary is close enough for a digest's day edges).
  return { from: from - off, to: to - off };
}
