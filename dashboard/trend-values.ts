/**
 * A series with the buckets that have not begun yet as gaps, not zeros: "Today" at 10:00 must
 * not draw a fall to nothing at 11:00, 12:00, … The bucket holding `now` stays (it is under way).
 */
export function futureAsGaps(
  t: readonly number[],
  values: readonly number[],
  now: number,
): (number | null)[] {
  return values.map((v, i) => (t[i]! > now ? null : v));
}
