import { summarizeAccuracy, type AccuracySummary } from './accuracy.js';
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
  /** Accuracy of the rows' clean images (paired with the attacked ones). */
  readonly clean: AccuracySummary;
  readonly attacked: AccuracySummary;
  readonly drop: { readonly acc1: Drop; readonly acc5: Drop; readonly meanPerClassRecall: Drop };
  /** Rows whose attacked top-1 differs from the clean top-1. */
  readonly flipRate: Rate;
  /**
   * Targeted attack success: attacked top-1 equals the class the written text names, over rows whose
   * text names a class other than the true one (text naming the true class cannot be told apart
   * from a correct prediction, so those rows are left out of this rate only).
   */
  readonly targetSuccessRate: Rate;
  /** McNemar exact test, b = clean correct and attacked wrong, c = clean wrong and attacked correct (top-1). */
  readonly mcnemar: McNemarResult;
}

/** Absolute drop `clean - attacked` and relative drop `(clean - attacked) / clean`, nulls for missing data. */
export function dropOf(clean: number | null, attacked: number | null): Drop {
  if (clean === null || attacked === null) return { absolute: null, relative: null };
  const absolute = clean - attacked;
  return { absolute, relative: clean === 0 ? null : absolute / clean };
}

/** Clean versus attacked accuracy, drops, flip rate, targeted success and McNemar's test over paired rows. */
export function summarizeDegradation(rows: readonly PairedRow[]): Degradation {
  const clean = summarizeAccuracy(rows.map((row) => row.clean));
  const attacked = summarizeAccuracy(rows.map((row) => row.attacked));
  let flips = 0;
  let targeted = 0;
  let hits = 0;
  let b = 0;
  let c = 0;
  for (const row of rows) {
    const cleanTop = row.clean.ranked[0];
    const attackedTop = row.attacked.ranked[0];
    if (cleanTop !== attackedTop) flips++;
    if (row.targetIndex !== null && row.targetIndex !== row.clean.trueIndex) {
      targeted++;
      if (attackedTop === row.targetIndex) hits++;
    }
    const cleanCorrect = cleanTop === row.clean.trueIndex;
    const attackedCorrect = attackedTop === row.attacked.trueIndex;
    if (cleanCorrect && !attackedCorrect) b++;
    if (!cleanCorrect && attackedCorrect) c++;
  }
  return {
    n: rows.length,
    clean,
    attacked,
    drop: {
      acc1: dropOf(clean.acc1.rate, attacked.acc1.rate),
      acc5: dropOf(clean.acc5.rate, attacked.acc5.rate),
      meanPerClassRecall: dropOf(clean.meanPerClassRecall, attacked.meanPerClassRecall),
    },
    flipRate: rateOf(flips, rows.length),
    targetSuccessRate: rateOf(hits, targeted),
    mcnemar: { b, c, pValue: mcnemarExact(b, c) },
  };
}
