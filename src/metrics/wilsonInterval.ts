/** A two-sided confidence interval for a proportion; 0 <= lower <= upper <= 1. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const z95 = 1.959964;

/**
 * Wilson score interval for a binomial proportion `successes / n` (Wilson 1927), the interval
 * statsmodels' `proportion_confint(method='wilson')` gives. Unlike the normal (Wald) interval it
 * stays inside [0,1] and is not degenerate at 0 or n successes: 0/10 -> [0, 0.2775].
 *
 * @param successes integer in [0, n]
 * @param n number of trials, a non-negative integer
 * @param z normal quantile, > 0; the default gives a 95% interval
 * @returns the interval, or null when n = 0 (no data: no interval, and nothing NaN to serialise)
 * @throws RangeError when the counts are not integers with 0 <= successes <= n, or z <= 0
 */
export function wilsonInterval(successes: number, n: number, z: number = z95): Interval | null {
  if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`Wilson interval needs integer counts with 0 <= successes <= n, got ${successes}/${n}.`);
  }
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`Wilson interval needs a finite z > 0, got ${z}.`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The exact interval touches 0 (or 1) at 0 (or n) successes; rounding must not move it off.
  const lower = successes === 0 ? 0 : Math.max(0, Math.min(p, centre - halfWidth));
  const upper = successes === n ? 1 : Math.min(1, Math.max(p, centre + halfWidth));
  return { lower, upper };
}
