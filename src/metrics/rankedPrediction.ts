/** One classified image reduced to what accuracy needs: the true class and the ranked top-k. */
export interface RankedPrediction {
  /** Index of the true class in the run's class list. */
  readonly trueIndex: number;
  /** Class indices of the top-k, best first (k >= 0; an empty list is never correct). */
  readonly ranked: readonly number[];
}
