import { isInTopK } from './isInTopK.js';
import type { RankedPrediction } from './rankedPrediction.js';
import { rateOf, type Rate } from './rateOf.js';

/**
 * Top-5 accuracy, CLIP_benchmark's `acc5`: the share of predictions with the true class among the
 * five best, with its Wilson 95% interval (rate null for no predictions).
 *
 * A prediction that carries fewer than 5 ranked classes counts as correct when the true class is
 * among those it carries. With a class list of fewer than 5 classes and the full ranking recorded,
 * that makes acc5 = 1 (CLIP_benchmark reports no acc5 there); with a top-k cut below 5 it is
 * top-k accuracy, a lower bound on top-5.
 */
export function acc5(predictions: readonly RankedPrediction[]): Rate {
  let correct = 0;
  for (const prediction of predictions) if (isInTopK(prediction, 5)) correct++;
  return rateOf(correct, predictions.length);
}
