/**
 * The q-quantile (0..1) of `values` by linear interpolation between closest ranks (the common
 * "type 7" definition: the median of [1, 2, 3, 4] is 2.5); null when empty. Sorts a copy.
 */
export function quantile(values: ArrayLike<number>, q: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
