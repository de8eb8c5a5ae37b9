import { binomialCdf } from './binomialCdf.js';

/** McNemar's test on paired binary outcomes: the discordant counts and the exact two-sided p-value. */
export interface McNemarResult {
  /** Pairs correct in the first condition and wrong in the second (e.g. clean right, attacked wrong). */
  readonly b: number;
  /** Pairs wrong in the first condition and correct in the second. */
  readonly c: number;
  /** Exact two-sided p-value in [0,1]; 1 when there are no discordant pairs. */
  readonly pValue: number;
}

/**
 * Exact (binomial) McNemar test, as statsmodels' `mcnemar(table, exact=True)`:
 * under H0 the b + c discordant pairs split Binomial(b + c, 1/2), and
 * p = min(1, 2 * P(X <= min(b, c))). Concordant pairs do not enter the test.
 *
 * Works in log space, so b + c in the hundreds of thousands is fine.
 *
 * @param b discordant pairs one way, a non-negative integer
 * @param c discordant pairs the other way, a non-negative integer
 * @returns the two-sided p-value in [0,1]
 * @throws RangeError when b or c is not a non-negative integer
 */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isSafeInteger(b) || b < 0 || !Number.isSafeInteger(c) || c < 0) {
    throw new RangeError(`McNemar's test needs non-negative integer discordant counts, got b=${b}, c=${c}.`);
  }
  return Math.min(1, 2 * binomialCdf(Math.min(b, c), b + c, 0.5));
}
