import { summarizeAccuracy, type AccuracySummary, type RankedPrediction } from './accuracy.js';
import type { PairedRow } from './indexOutcomes.js';
import { mcnemarExact, rateOf, type McNemarResult, type Rate } from './statistics.js';

/** How much a metric fell from clean to attacked. */
export interface Drop {
  /** clean - attacked, in [-1,1] (negative: the attack helped); null when either side has no rows. */
  readonly absolute: number | null;
  /** absolute / clean; null when clean is 0 or absent. */
  readonly relative: number | null;
}

/**
 * Clean versus attacked over the same scored rows (one row = one sample under one attack).
 * Rates are over scored rows only; unrenderable and error rows are counted elsewhere, never here.
 */
export interface Degradation {
  /** Scored rows. */
  readonly n: number;
  /**
   * Accuracy of the rows' clean images (paired with the attacked ones). A real-world image without
   * a clean pair has none: such rows count in `attacked` and `targetMatchRate` only, and every
   * clean-versus-attacked figure (drops, flips, ASRs, McNemar) is over the rows with a clean image
   * (`clean.acc1.n` of them).
   */
  readonly clean: AccuracySummary;
  readonly attacked: AccuracySummary;
  readonly drop: { readonly acc1: Drop; readonly acc5: Drop; readonly meanPerClassRecall: Drop };
  /** Rows whose attacked top-1 differs from the clean top-1. */
  readonly flipRate: Rate;
  /**
   * Attack success as published work reports it (untargeted): rows whose clean top-1 was right and
   * whose attacked top-1 is wrong, over the rows whose clean top-1 was right.
   */
  readonly untargetedAsr: Rate;
  /**
   * Targeted attack success as published work reports it: the attacked top-1 is the class the
   * written text names, over rows whose text names a class other than the true one and whose clean
   * top-1 was not already that class - the word moved the prediction.
   */
  readonly targetedAsr: Rate;
  /**
   * The attacked top-1 is the class the written text names, over rows whose text names a class
   * other than the true one, whatever the clean top-1 was (metricsVersion 1's `targetSuccessRate`).
   * It counts rows the word did not move: a model that always answers the written class scores
   * high here with no flip at all. Read targetedAsr instead.
   */
  readonly targetMatchRate: Rate;
  /** McNemar exact test, b = clean correct and attacked wrong, c = clean wrong and attacked correct (top-1). */
  readonly mcnemar: McNemarResult;
}

/** Absolute drop `clean - attacked` and relative drop `(clean - attacked) / clean`, nulls for missing data. */
export function dropOf(clean: number | null, attacked: number | null): Drop {
  if (clean === null || attacked === null) return { absolute: null, relative: null };
  const absolute = clean - attacked;
  return { absolute, relative: clean === 0 ? null : absolute / clean };
}

/** Clean versus attacked accuracy, drops, flip rate, attack success rates and McNemar's test over paired rows. */
export function summarizeDegradation(rows: readonly PairedRow[]): Degradation {
  const pairs = rows.filter((row): row is PairedRow & { readonly clean: RankedPrediction } => row.clean !== null);
  const clean = summarizeAccuracy(pairs.map((row) => row.clean));
  const attacked = summarizeAccuracy(rows.map((row) => row.attacked));
  // A drop compares the same images: over the rows with a clean image when some have none.
  const attackedOfPairs = pairs.length === rows.length ? attacked : summarizeAccuracy(pairs.map((row) => row.attacked));
  let targeted = 0;
  let hits = 0;
  for (const row of rows) {
    if (row.targetIndex === null || row.targetIndex === row.attacked.trueIndex) continue;
    targeted++;
    if (row.attacked.ranked[0] === row.targetIndex) hits++;
  }
  let flips = 0;
  let movable = 0;
  let moved = 0;
  let cleanCorrectRows = 0;
  let b = 0;
  let c = 0;
  for (const row of pairs) {
    const cleanTop = row.clean.ranked[0];
    const attackedTop = row.attacked.ranked[0];
    if (cleanTop !== attackedTop) flips++;
    if (row.targetIndex !== null && row.targetIndex !== row.clean.trueIndex && cleanTop !== row.targetIndex) {
      movable++;
      if (attackedTop === row.targetIndex) moved++;
    }
    const cleanCorrect = cleanTop === row.clean.trueIndex;
    const attackedCorrect = attackedTop === row.attacked.trueIndex;
    if (cleanCorrect) cleanCorrectRows++;
    if (cleanCorrect && !attackedCorrect) b++;
    if (!cleanCorrect && attackedCorrect) c++;
  }
  return {
    n: rows.length,
    clean,
    attacked,
    drop: {
      acc1: dropOf(clean.acc1.rate, attackedOfPairs.acc1.rate),
      acc5: dropOf(clean.acc5.rate, attackedOfPairs.acc5.rate),
      meanPerClassRecall: dropOf(clean.meanPerClassRecall, attackedOfPairs.meanPerClassRecall),
    },
    flipRate: rateOf(flips, pairs.length),
    untargetedAsr: rateOf(b, cleanCorrectRows),
    targetedAsr: rateOf(moved, movable),
    targetMatchRate: rateOf(hits, targeted),
    mcnemar: { b, c, pValue: mcnemarExact(b, c) },
  };
}
