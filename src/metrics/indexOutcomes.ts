import { hasCleanImage, type ErrorOutcome, type Outcome, type ScoredClass } from '../results/outcome.js';
import { logitGapOf, type ScoringKind } from '../zeroshot/scoringRule.js';
import type { RankedPrediction } from './accuracy.js';
import { MetricsError } from '../errors/errors.js';

// A run's outcomes grouped per model for the metrics: row counts by kind, each sample's clean
// prediction once, and every scored attacked row as a clean/attacked pair.

/** The attack id of clean-only rows. */
export const cleanAttackId = 'clean';

/** Error outcomes by the stage that failed (keys in pipeline order). */
export type ErrorCounts = { readonly [stage in ErrorOutcome['stage']]: number };

/**
 * How many rows of each kind a group holds. Every row is counted here, whatever its kind;
 * only `scored` rows enter rates.
 */
export interface OutcomeCounts {
  /** All rows: scored + unrenderable + every error. */
  readonly total: number;
  readonly scored: number;
  /** The attack could not be rendered on the image. */
  readonly unrenderable: number;
  readonly errors: ErrorCounts;
}

/** A scored outcome reduced to what the metrics read: the clean and attacked prediction of one sample. */
export interface PairedRow {
  readonly sampleId: string;
  /** The attack spec of this row among the sample's (see Outcome.variant). */
  readonly variant: string;
  readonly attackId: string;
  readonly trueLabel: string;
  /**
   * The clean image's prediction (true class and the first five ranked class indices); null for
   * a real-world image without a clean pair (see hasCleanImage), which has no clean prediction.
   */
  readonly clean: RankedPrediction | null;
  /** The attacked image's prediction, same shape. */
  readonly attacked: RankedPrediction;
  /** Class index the written text names, or null when it names none. */
  readonly targetIndex: number | null;
  /** Attack parameters as flat scalars. */
  readonly params: Readonly<Record<string, number | string | boolean>>;
}

/** A sample's clean prediction, kept once per (model, sample). */
export interface CleanSample {
  readonly trueLabel: string;
  readonly prediction: RankedPrediction;
}

/** One model's outcomes, grouped for the metrics. */
export interface ModelOutcomes {
  /** Clean prediction per sample id, deduplicated over every scored row of the sample. */
  readonly cleanSamples: Map<string, CleanSample>;
  /** Scored rows per attack id; clean-only rows (`clean`) are not here. */
  readonly attackRows: Map<string, PairedRow[]>;
  /** Counts of every row (any kind) per attack id, `clean` included. */
  readonly counts: Map<string, OutcomeCounts>;
}

/** {@link OutcomeCounts} while it is being counted. */
interface Tally {
  total: number;
  scored: number;
  unrenderable: number;
  errors: Record<ErrorOutcome['stage'], number>;
}

/** No rows. */
export const noOutcomes: OutcomeCounts = Object.freeze({
  total: 0,
  scored: 0,
  unrenderable: 0,
  errors: Object.freeze({ load: 0, label: 0, render: 0, embed: 0 }),
});

/** The field-by-field sum of several groups' counts. */
export function sumCounts(all: Iterable<OutcomeCounts>): OutcomeCounts {
  let total = 0;
  let scored = 0;
  let unrenderable = 0;
  const errors = { load: 0, label: 0, render: 0, embed: 0 };
  for (const counts of all) {
    total += counts.total;
    scored += counts.scored;
    unrenderable += counts.unrenderable;
    for (const stage of Object.keys(errors) as (keyof ErrorCounts)[]) errors[stage] += counts.errors[stage];
  }
  return { total, scored, unrenderable, errors };
}

// acc1 and acc5 read at most five ranked classes; agreement is judged on those.
const rankedKept = 5;

function rankedOf(trueIndex: number, top: readonly ScoredClass[], scoring: ScoringKind): RankedPrediction {
  const ranked = top.slice(0, rankedKept).map((entry) => entry.index);
  const [first, second] = top;
  if (first === undefined || second === undefined) return { trueIndex, ranked };
  return { trueIndex, ranked, lead: logitGapOf(scoring, first.probability, second.probability) };
}

function tally(counts: Tally, outcome: Outcome): void {
  counts.total++;
  if (outcome.kind === 'scored') counts.scored++;
  else if (outcome.kind === 'unrenderable') counts.unrenderable++;
  else counts.errors[outcome.stage]++;
}

function sameClean(a: CleanSample, b: CleanSample): boolean {
  const x = a.prediction;
  const y = b.prediction;
  return (
    a.trueLabel === b.trueLabel &&
    x.trueIndex === y.trueIndex &&
    x.ranked.length === y.ranked.length &&
    x.ranked.every((index, i) => index === y.ranked[i])
  );
}

/**
 * Groups outcomes by model in one pass: counts every row, keeps each sample's clean prediction
 * once and each scored attacked row as a {@link PairedRow}.
 *
 * A sample's clean image is classified once per model, so every scored row of one (model, sample)
 * must carry the same clean prediction: the same true class and the same first five ranked class
 * indices (probabilities may differ in the last bits between batches and are not compared).
 *
 * @param scoringOf each model's scoring rule kind, which says how a lead is read off probabilities
 *   (default: softmax, CLIP's).
 * @throws MetricsError `cleanDisagreement` when two rows of one (model, sample) disagree on the clean
 *   prediction; `duplicateOutcome` when two rows share (model, attackId, sampleId, variant)
 */
export function indexOutcomes(outcomes: Iterable<Outcome>, scoringOf: (model: string) => ScoringKind = () => 'softmax'): Map<string, ModelOutcomes> {
  const models = new Map<string, ModelOutcomes & { readonly counts: Map<string, Tally>; readonly seen: Map<string, Set<string>> }>();
  for (const outcome of outcomes) {
    let model = models.get(outcome.model);
    if (!model) {
      model = { cleanSamples: new Map(), attackRows: new Map(), counts: new Map(), seen: new Map() };
      models.set(outcome.model, model);
    }
    let seen = model.seen.get(outcome.attackId);
    if (!seen) {
      seen = new Set();
      model.seen.set(outcome.attackId, seen);
    }
    const rowKey = `${outcome.sampleId}\u0000${outcome.variant}`;
    if (seen.has(rowKey)) {
      throw new MetricsError(
        `Duplicate outcome for model '${outcome.model}', attack '${outcome.attackId}', sample '${outcome.sampleId}', variant '${outcome.variant}': ` +
          'each (model, attack, sample, variant) may appear once in a result log.',
        'duplicateOutcome',
        outcome.model,
        outcome.sampleId,
        outcome.attackId,
      );
    }
    seen.add(rowKey);
    let counts = model.counts.get(outcome.attackId);
    if (!counts) {
      counts = { total: 0, scored: 0, unrenderable: 0, errors: { load: 0, label: 0, render: 0, embed: 0 } };
      model.counts.set(outcome.attackId, counts);
    }
    tally(counts, outcome);
    if (outcome.kind !== 'scored') continue;

    // An unpaired real-world row's `clean` is its attacked image: it enters neither clean accuracy nor the sample's clean check.
    const paired = hasCleanImage(outcome);
    const clean: CleanSample = { trueLabel: outcome.trueLabel, prediction: rankedOf(outcome.trueIndex, outcome.clean, scoringOf(outcome.model)) };
    const known = paired ? model.cleanSamples.get(outcome.sampleId) : undefined;
    if (paired && known === undefined) model.cleanSamples.set(outcome.sampleId, clean);
    else if (known !== undefined && !sameClean(known, clean)) {
      throw new MetricsError(
        `Clean predictions disagree for model '${outcome.model}', sample '${outcome.sampleId}' (attack '${outcome.attackId}'): ` +
          `true ${known.prediction.trueIndex} ranked [${known.prediction.ranked.join(',')}] vs true ${clean.prediction.trueIndex} ranked [${clean.prediction.ranked.join(',')}]; ` +
          `every row of a sample must carry the same clean top-5.`,
        'cleanDisagreement',
        outcome.model,
        outcome.sampleId,
        outcome.attackId,
      );
    }
    if (outcome.attackId === cleanAttackId) continue;

    let rows = model.attackRows.get(outcome.attackId);
    if (!rows) {
      rows = [];
      model.attackRows.set(outcome.attackId, rows);
    }
    rows.push({
      sampleId: outcome.sampleId,
      variant: outcome.variant,
      attackId: outcome.attackId,
      trueLabel: outcome.trueLabel,
      clean: paired ? (known ?? clean).prediction : null,
      attacked: rankedOf(outcome.trueIndex, outcome.attacked, scoringOf(outcome.model)),
      targetIndex: outcome.targetIndex,
      params: outcome.params,
    });
  }
  return new Map([...models].map(([id, { cleanSamples, attackRows, counts }]) => [id, { cleanSamples, attackRows, counts }]));
}
