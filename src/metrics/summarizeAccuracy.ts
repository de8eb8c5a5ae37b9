import { acc1 } from './acc1.js';
import { acc5 } from './acc5.js';
import { meanPerClassRecall } from './meanPerClassRecall.js';
import type { RankedPrediction } from './rankedPrediction.js';
import type { AccuracySummary } from './runMetrics.js';

/** acc1, acc5 and mean per-class recall of a set of predictions. */
export function summarizeAccuracy(predictions: readonly RankedPrediction[]): AccuracySummary {
  return { acc1: acc1(predictions), acc5: acc5(predictions), meanPerClassRecall: meanPerClassRecall(predictions) };
}
