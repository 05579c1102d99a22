const DAY = 86_400_000;

/** Day number of a timestamp in a fixed UTC offset (minutes east of UTC). */
export const dayNumber = (ts: number, offsetMinutes = 0): number =>
  Math.floor((ts + offsetMinutes * 60_000) / DAY);

/** `YYYY-MM-DD` of a day number. */
export const dayLabel = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
