import { isInTopK } from './isInTopK.js';
import type { RankedPrediction } from './rankedPrediction.js';
import { rateOf, type Rate } from './rateOf.js';

/**
 * Top-1 accuracy, CLIP_benchmark's `acc1`: the share of predictions whose best class is the true one,
 * with its Wilson 95% interval (rate null for no predictions).
 */
export function acc1(predictions: readonly RankedPrediction[]): Rate {
  let correct = 0;
  for (const prediction of predictions) if (isInTopK(prediction, 1)) correct++;
  return rateOf(correct, predictions.length);
}
