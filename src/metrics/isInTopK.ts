import type { RankedPrediction } from './rankedPrediction.js';

/**
 * Whether the true class is among the first `k` ranked classes. When the prediction carries
 * fewer than `k` entries, it is among those it carries (the top-k available).
 *
 * @param k a positive integer
 */
export function isInTopK(prediction: RankedPrediction, k: number): boolean {
  const limit = Math.min(k, prediction.ranked.length);
  for (let i = 0; i < limit; i++) if (prediction.ranked[i] === prediction.trueIndex) return true;
  return false;
}
