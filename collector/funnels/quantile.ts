/**
 * Quantiles by linear interpolation between closest ranks (the common "type 7" definition: the
 * median of [1, 2, 3, 4] is 2.5); null when empty. Sorts a copy once for all `qs`.
 */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): (number | null)[] {
  if (values.length === 0) return qs.map(() => null);
  const sorted = values instanceof Float64Array ? values.slice().sort() : Float64Array.from(values).sort();
  return qs.map((q) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  });
}

export const quantile = (values: ArrayLike<number>, q: number): number | null => quantiles(values, [q])[0]!;
