import type { Outcome } from '../results/outcome.js';
import { sortedRecord } from '../util/ordering.js';
import { summarizeAccuracy, type AccuracySummary, type RankedPrediction } from './accuracy.js';
import { summarizeDegradation, type Degradation } from './degradation.js';
import { bucketParams, type BucketOptions, type ParamCurve } from './doseResponse.js';
import {
  cleanAttackId,
  indexOutcomes,
  noOutcomes,
  sumCounts,
  type ModelOutcomes,
  type OutcomeCounts,
  type PairedRow,
} from './indexOutcomes.js';

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
  /** 2 since the attack success rates (untargetedAsr, targetedAsr, targetMatchRate) replaced targetSuccessRate. */
  readonly metricsVersion: 2;
  /** Every row of the run, by kind and error stage. */
  readonly counts: OutcomeCounts;
  readonly models: Readonly<Record<string, ModelMetrics>>;
}

/** How {@link summarizeOutcomes} buckets numeric attack parameters. */
export interface SummarizeOptions {
  /** Numeric parameters with at most this many distinct values get one bucket per value; default 12. */
  readonly maxExactValues?: number;
  /** Numeric parameters with more get this many equal-width bins over [min, max]; default 10. */
  readonly binCount?: number;
}

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function summarizeClean(model: ModelOutcomes): CleanMetrics {
  const samples = [...model.cleanSamples.values()];
  const byLabel = groupBy(samples, (sample) => sample.trueLabel);
  const predictionsOf = (group: readonly { prediction: RankedPrediction }[]) => group.map((sample) => sample.prediction);
  return {
    samples: samples.length,
    counts: model.counts.get(cleanAttackId) ?? noOutcomes,
    ...summarizeAccuracy(predictionsOf(samples)),
    byClass: sortedRecord([...byLabel].map(([label, group]) => [label, summarizeAccuracy(predictionsOf(group))])),
  };
}

function summarizeAttack(rows: readonly PairedRow[], counts: OutcomeCounts, options: BucketOptions): AttackMetrics {
  return {
    counts,
    ...summarizeDegradation(rows),
    byClass: sortedRecord([...groupBy(rows, (row) => row.trueLabel)].map(([label, group]) => [label, summarizeDegradation(group)])),
    byParam: bucketParams(rows, options),
  };
}

function summarizeModel(model: ModelOutcomes, options: BucketOptions): ModelMetrics {
  const attackIds = [...model.counts.keys()].filter((id) => id !== cleanAttackId);
  const attacks = attackIds.map((id): [string, AttackMetrics] => [
    id,
    summarizeAttack(model.attackRows.get(id) ?? [], model.counts.get(id) ?? noOutcomes, options),
  ]);
  return {
    counts: sumCounts(model.counts.values()),
    clean: summarizeClean(model),
    attacks: sortedRecord(attacks),
    byParam: bucketParams([...model.attackRows.values()].flat(), options),
  };
}

/**
 * Every degradation metric of a run, per model: clean accuracy over unique samples; per attack id,
 * clean versus attacked over the attack's scored rows (acc1, acc5, mean per-class recall, absolute
 * and relative drop, flip rate, untargeted and targeted ASR, McNemar's exact test), broken down per true
 * label and per attack-parameter bucket; and counts of every row by kind and error stage.
 *
 * Rates are over `scored` rows only. `unrenderable` and `error` rows are never dropped silently:
 * they appear in the `counts` of their attack, model and run, and nowhere in a rate. A sample
 * enters clean accuracy when at least one of its rows is scored. Rows with attack id `clean` carry
 * clean predictions only and have no entry under `attacks`.
 *
 * Pure and deterministic: any order of the same outcomes gives the same object, and every record's
 * keys are sorted, so `JSON.stringify` of the result is stable byte for byte. Accepts any iterable
 * (a result-log reader's generator) and reads it once.
 *
 * @throws MetricsError when a (model, sample) has rows with different clean predictions, or a
 *   (model, attack, sample) appears twice
 * @throws RangeError when an option is not a positive integer
 */
export function summarizeOutcomes(outcomes: Iterable<Outcome>, options: SummarizeOptions = {}): RunMetrics {
  const bucketOptions: BucketOptions = { maxExactValues: options.maxExactValues ?? 12, binCount: options.binCount ?? 10 };
  for (const [name, value] of Object.entries(bucketOptions)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`Option ${name} must be a positive integer, got ${value}.`);
  }
  const models = indexOutcomes(outcomes);
  const summaries = [...models].map(([id, model]): [string, ModelMetrics] => [id, summarizeModel(model, bucketOptions)]);
  return {
    metricsVersion: 2,
    counts: sumCounts(summaries.map(([, summary]) => summary.counts)),
    models: sortedRecord(summaries),
  };
}
