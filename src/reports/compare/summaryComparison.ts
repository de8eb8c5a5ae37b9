import type { Rate } from '../../metrics/rateOf.js';
import type { SummaryDifference } from './findSummaryDifferences.js';

/** One accuracy in both runs: the rates, the change and, for paired runs, McNemar's exact test. */
export interface AccuracyChange {
  /** Over the paired samples when `pValue` is set, else each run's own rows. */
  readonly baseline: Rate | null;
  readonly candidate: Rate | null;
  /** candidate - baseline in [-1, 1]; null when either is missing. */
  readonly change: number | null;
  /** Samples scored in both runs (paired), or null without result logs. */
  readonly pairs: number | null;
  /** McNemar exact two-sided p-value in [0, 1] over the pairs, or null without result logs. */
  readonly pValue: number | null;
  /** Pairs with the same top-1 class in both runs, or null without result logs. */
  readonly agreement: Rate | null;
  /** Of the pairs with another top-1, those where the baseline's top-1 was a near tie; null without result logs. */
  readonly nearTieDisagreements: number | null;
  /**
   * Significantly worse: paired, change < 0 and p < alpha; unpaired, the candidate's Wilson 95%
   * interval lies wholly below the baseline's.
   */
  readonly regression: boolean;
}

/** One model x attack in both runs (`attack` is `clean` for clean accuracy over unique samples). */
export interface ComparisonRow {
  readonly model: string;
  readonly attack: string;
  /** Clean top-1 over the attack's rows (context, never a regression), or over unique samples for the `clean` row (tested). */
  readonly cleanAcc1: AccuracyChange;
  /** Attacked top-1; null for the `clean` row. */
  readonly attackedAcc1: AccuracyChange | null;
  /** Absolute top-1 drop (clean - attacked) in each run; null for the `clean` row. */
  readonly drop: { readonly baseline: number | null; readonly candidate: number | null } | null;
  /** Targeted success rate in each run; null for the `clean` row. */
  readonly asr: { readonly baseline: Rate | null; readonly candidate: Rate | null } | null;
}

/** `stroop compare`'s result: plain data, printed as a table or as JSON. */
export interface SummaryComparison {
  readonly baseline: string;
  readonly candidate: string;
  /** Significance level of the McNemar tests, in (0, 1). */
  readonly alpha: number;
  /** Whether p-values come from paired samples (both result logs were found). */
  readonly paired: boolean;
  readonly differences: readonly SummaryDifference[];
  /** Models in both runs, each with its `clean` row first, then attacks in either run, sorted. */
  readonly rows: readonly ComparisonRow[];
  /** Rows with a significant drop in clean or attacked top-1 accuracy. */
  readonly regressions: readonly ComparisonRow[];
}
