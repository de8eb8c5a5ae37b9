import { isInTopK } from './isInTopK.js';
import type { RankedPrediction } from './rankedPrediction.js';

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
