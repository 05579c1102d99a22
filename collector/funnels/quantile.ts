/**
 * Quantiles by linear interpolation between closest ranks (the common "type 7" definition: the
 * median of [1, 2, 3, 4] is 2.5); null when empty. Works on one copy with quickselect, O(n) per
 * quantile: a funnel over 10 M events has about a million gaps, and sorting them cost more than
 * the walk itself.
 */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): (number | null)[] {
  if (values.length === 0) return qs.map(() => null);
  const a = Float64Array.from(values);
  return qs.map((q) => {
    const pos = (a.length - 1) * q;
    const lo = Math.floor(pos);
    const below = select(a, lo);
    if (lo === pos) return below;
    // After select, everything right of `lo` is >= a[lo]: the next rank is their minimum.
    let above = Infinity;
    for (let i = lo + 1; i < a.length; i++) if (a[i]! < above) above = a[i]!;
    return below + (above - below) * (pos - lo);
  });
}

export const quantile = (values: ArrayLike<number>, q: number): number | null => quantiles(values, [q])[0]!;

/** Hoare-style quickselect (middle pivot): puts the k-th smallest at a[k], smaller left, larger right. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i] = a[j]!;
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}
