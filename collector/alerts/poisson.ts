/** P(X = 0) for a Poisson count with mean `lambda`. */
export const poissonZero = (lambda: number): number => Math.exp(-lambda);

/** P(X ≥ k) for a Poisson count with mean `lambda` (1 − the CDF below k, summed term by term). */
export function poissonAtLeast(k: number, lambda: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}
