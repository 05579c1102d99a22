import { formatDay, startOfDay } from './range';

const DAY = 24 * 60 * 60 * 1000;

/** Every local day `YYYY-MM-DD` in [from, to), so a chart has a point for days without conversions too. */
export function daysOf(from: number, to: number): string[] {
  const out: string[] = [];
  // Step from noon so a daylight-saving change never skips or repeats a day.
  for (let t = startOfDay(from) + DAY / 2; t < to && out.length < 400; t += DAY) out.push(formatDay(t));
  return out;
}

/**
 * Conversions per day aligned to `days`; rows naming the same day are added up, because a
 * per-day answer may arrive split (one row per fractional day key) and must still chart right.
 */
export function conversionsPerDay(
  days: readonly string[],
  byDay: readonly { day: string; conversions: number }[],
): number[] {
  const sum = new Map<string, number>();
  for (const d of byDay) sum.set(d.day, (sum.get(d.day) ?? 0) + d.conversions);
  return days.map((d) => sum.get(d) ?? 0);
}
