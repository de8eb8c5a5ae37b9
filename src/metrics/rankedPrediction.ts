/** One classified image reduced to what accuracy needs: the true class and the ranked top-k. */
export interface RankedPrediction {
  /** Index of the true class in the run's class list. */
  readonly trueIndex: number;
  /** Class indices of the top-k, best first (k >= 0; an empty list is never correct). */
  readonly ranked: readonly number[];
  /**
   * How far the top-1 class led its runner-up, as a logit gap (0 for a tie), recovered from their
   * probabilities by the model's scoring rule (softmax: ln(p1 / p2); SigLIP's sigmoids: the
   * difference of their logits). Absent with fewer than two ranked classes.
   */
  readonly lead?: number;
}
