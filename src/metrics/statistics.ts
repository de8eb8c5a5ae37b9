// Proportions with their Wilson 95% intervals, and the exact binomial tests (binomial CDF, McNemar)
// behind every rate and p-value the metrics report.

/** A two-sided confidence interval for a proportion; 0 <= lower <= upper <= 1. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * A proportion with its evidence: `successes` of `n` rows, the rate and its Wilson 95% interval.
 * With n = 0 the rate and both bounds are null (JSON has no NaN); otherwise
 * 0 <= lower <= rate <= upper <= 1.
 */
export interface Rate {
  readonly successes: number;
  readonly n: number;
  /** successes / n in [0,1], null when n = 0. */
  readonly rate: number | null;
  /** Wilson 95% lower bound in [0,1], null when n = 0. */
  readonly lower: number | null;
  /** Wilson 95% upper bound in [0,1], null when n = 0. */
  readonly upper: number | null;
}

/** McNemar's test on paired binary outcomes: the discordant counts and the exact two-sided p-value. */
export interface McNemarResult {
  /** Pairs correct in the first condition and wrong in the second (e.g. clean right, attacked wrong). */
  readonly b: number;
  /** Pairs wrong in the first condition and correct in the second. */
  readonly c: number;
  /** Exact two-sided p-value in [0,1]; 1 when there are no discordant pairs. */
  readonly pValue: number;
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

/** The {@link Rate} of `successes` out of `n` (integers, 0 <= successes <= n). */
export function rateOf(successes: number, n: number): Rate {
  const interval = wilsonInterval(successes, n);
  if (interval === null) return { successes, n, rate: null, lower: null, upper: null };
  return { successes, n, rate: successes / n, lower: interval.lower, upper: interval.upper };
}

/**
 * P(X <= k) for X ~ Binomial(n, p), as scipy's `binom.cdf(k, n, p)`.
 *
 * Summed in log space (log-sum-exp over log pmf terms, binomial coefficients built up as sums of
 * logs), so n in the hundreds of thousands neither overflows `C(n, k)` nor underflows `p^n`.
 * Cost O(min(k, n)) time and memory.
 *
 * @param k any integer; k < 0 gives 0 and k >= n gives 1
 * @param n number of trials, a non-negative integer
 * @param p success probability in [0,1]
 * @returns a probability in [0,1]
 * @throws RangeError when k or n is not an integer, n < 0, or p is outside [0,1]
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Binomial CDF needs integers k and n >= 0, got k=${k}, n=${n}.`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Binomial CDF needs p in [0,1], got ${p}.`);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logTerms = new Float64Array(k + 1);
  // log C(n, i) as a running sum with Neumaier compensation: plain summation loses ~1e-9 of
  // relative accuracy by n = 100,000; compensated it stays near 1e-12.
  let logChoose = 0;
  let compensation = 0;
  let max = -Infinity;
  for (let i = 0; i <= k; i++) {
    if (i > 0) {
      const step = Math.log((n - i + 1) / i);
      const sum = logChoose + step;
      compensation += Math.abs(logChoose) >= Math.abs(step) ? logChoose - sum + step : step - sum + logChoose;
      logChoose = sum;
    }
    const term = logChoose + compensation + i * logP + (n - i) * logQ;
    logTerms[i] = term;
    if (term > max) max = term;
  }
  let sum = 0;
  for (const term of logTerms) sum += Math.exp(term - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
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
