import type { HalfAccuracyDose } from './halfAccuracyDose.js';
import type { McNemarResult } from './mcnemarExact.js';
import type { OutcomeCounts } from './outcomeCounts.js';
import type { Rate } from './rateOf.js';

/** CLIP_benchmark's accuracy metrics over a set of predictions. */
export interface AccuracySummary {
  /** Top-1 accuracy with its Wilson 95% interval. */
  readonly acc1: Rate;
  /** Top-5 accuracy (true class among the first min(5, k) ranked classes) with its Wilson 95% interval. */
  readonly acc5: Rate;
  /** Mean over true classes of top-1 recall, in [0,1]; null for no predictions. */
  readonly meanPerClassRecall: number | null;
}

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

/**
 * Rows whose attack parameter falls in one bucket: either one exact value (`value` set, `from`/`to`
 * null) or a numeric bin `[from, to)` (the last bin also holds `to`; `value` null).
 */
export interface ParamBucket extends Degradation {
  /** `16`, `top-left`, `true`, or a bin as `[8, 12)` / `[28, 32]`. */
  readonly label: string;
  readonly value: number | string | boolean | null;
  readonly from: number | null;
  readonly to: number | null;
}

/**
 * One attack parameter's dose-response curve. `values`: one bucket per distinct value (numbers
 * ascending, then false/true, then strings in code-unit order). `bins`: equal-width bins over
 * [min, max] of a numeric parameter with many distinct values, empty bins kept (n = 0).
 */
export interface ParamCurve {
  readonly bucketing: 'values' | 'bins';
  /** Scored rows that do not carry this parameter. */
  readonly missing: number;
  readonly buckets: readonly ParamBucket[];
  /**
   * AD50: the parameter value at which attacked top-1 falls to half of the curve's pooled clean
   * top-1, interpolated (see halfAccuracyDose); null for a parameter that is not numeric or takes
   * fewer than two values with scored rows.
   */
  readonly ad50: HalfAccuracyDose | null;
}

/** Clean accuracy of one model over its unique samples. */
export interface CleanMetrics extends AccuracySummary {
  /** Unique samples with a clean prediction (at least one scored row). */
  readonly samples: number;
  /** Rows of the `clean` attack id (clean-only rows), by kind. */
  readonly counts: OutcomeCounts;
  /** Per true label. */
  readonly byClass: Readonly<Record<string, AccuracySummary>>;
}

/** One attack on one model. */
export interface AttackMetrics extends Degradation {
  /** Every row of this attack, by kind and error stage. */
  readonly counts: OutcomeCounts;
  /** Per true label. */
  readonly byClass: Readonly<Record<string, Degradation>>;
  /** Per `params` key of this attack's rows. */
  readonly byParam: Readonly<Record<string, ParamCurve>>;
}

/** Everything measured for one model. */
export interface ModelMetrics {
  /** Every row of the model (clean-only and attacked), by kind and error stage. */
  readonly counts: OutcomeCounts;
  readonly clean: CleanMetrics;
  /** Per attack id (clean-only rows excluded). */
  readonly attacks: Readonly<Record<string, AttackMetrics>>;
  /**
   * Per `params` key over the attacked rows of all attacks: the dose-response curves across a grid.
   * Rows of one sample under several attacks are not independent, so these intervals are optimistic.
   */
  readonly byParam: Readonly<Record<string, ParamCurve>>;
}

/** `summary.json`'s metrics: plain data, JSON-serialisable (no NaN, no Infinity), keys sorted. */
export interface RunMetrics {
  /** Bumped when a field changes meaning. */
  readonly metricsVersion: 1;
  /** Every row of the run, by kind and error stage. */
  readonly counts: OutcomeCounts;
  readonly models: Readonly<Record<string, ModelMetrics>>;
}
