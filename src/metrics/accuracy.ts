import { rateOf, type Rate } from './statistics.js';

// CLIP_benchmark's accuracy metrics (acc1, acc5, mean per-class recall) over ranked predictions.

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

/** CLIP_benchmark's accuracy metrics over a set of predictions. */
export interface AccuracySummary {
  /** Top-1 accuracy with its Wilson 95% interval. */
  readonly acc1: Rate;
  /** Top-5 accuracy (true class among the first min(5, k) ranked classes) with its Wilson 95% interval. */
  readonly acc5: Rate;
  /** Mean over true classes of top-1 recall, in [0,1]; null for no predictions. */
  readonly meanPerClassRecall: number | null;
}

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

/**
 * Top-1 accuracy, CLIP_benchmark's `acc1`: the share of predictions whose best class is the true one,
 * with its Wilson 95% interval (rate null for no predictions).
 */
export function acc1(predictions: readonly RankedPrediction[]): Rate {
  let correct = 0;
  for (const prediction of predictions) if (isInTopK(prediction, 1)) correct++;
  return rateOf(correct, predictions.length);
}

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

/**
 * Mean per-class recall (balanced accuracy), CLIP_benchmark's `mean_per_class_recall`
 * (sklearn's `balanced_accuracy_score` on top-1 predictions): the top-1 recall of each class that
 * occurs as a true class, averaged with equal weight per class. Classes that are only ever
 * predicted, never true, do not enter the mean.
 *
 * @returns a value in [0,1], or null for no predictions
 */
export function meanPerClassRecall(predictions: readonly RankedPrediction[]): number | null {
  const perClass = new Map<number, { correct: number; total: number }>();
  for (const prediction of predictions) {
    const counts = perClass.get(prediction.trueIndex) ?? { correct: 0, total: 0 };
    counts.total++;
    if (isInTopK(prediction, 1)) counts.correct++;
    perClass.set(prediction.trueIndex, counts);
  }
  if (perClass.size === 0) return null;
  // Summing in class order keeps the result identical whatever order the predictions came in.
  const classes = [...perClass.keys()].sort((a, b) => a - b);
  let sum = 0;
  for (const index of classes) {
    const counts = perClass.get(index);
    if (counts) sum += counts.correct / counts.total;
  }
  return sum / classes.length;
}

/** acc1, acc5 and mean per-class recall of a set of predictions. */
export function summarizeAccuracy(predictions: readonly RankedPrediction[]): AccuracySummary {
  return { acc1: acc1(predictions), acc5: acc5(predictions), meanPerClassRecall: meanPerClassRecall(predictions) };
}
