import { wilsonInterval } from './wilsonInterval.js';

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

/** The {@link Rate} of `successes` out of `n` (integers, 0 <= successes <= n). */
export function rateOf(successes: number, n: number): Rate {
  const interval = wilsonInterval(successes, n);
  if (interval === null) return { successes, n, rate: null, lower: null, upper: null };
  return { successes, n, rate: successes / n, lower: interval.lower, upper: interval.upper };
}
