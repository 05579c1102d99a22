/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/**
 * The Wilson score interval of a share `successes / n`: where the true rate lies with 95 %
 * confidence. Unlike the plain ± interval it stays inside [0, 1] and is honest for small samples
 * and for shares near 0 or 1 (0 of 10 is [0, 0.28], not [0, 0]). [0, 1] when n is 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  // All or nothing has an exact bound on that side; rounding would put it a hair inside.
  return [successes <= 0 ? 0 : (centre - margin) / denom, successes >= n ? 1 : (centre + margin) / denom];
}
