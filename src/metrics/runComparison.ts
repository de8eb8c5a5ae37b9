import type { Outcome } from '../results/outcome.js';
import { sortedRecord } from '../util/ordering.js';
import type { ScoringKind } from '../zeroshot/scoringRule.js';
import { isInTopK, type RankedPrediction } from './accuracy.js';
import { indexOutcomes, type ModelOutcomes } from './indexOutcomes.js';
import { mcnemarExact, rateOf, type McNemarResult, type Rate } from './statistics.js';

/**
 * Top-1 accuracy of a baseline run and a candidate run over the samples both scored, paired per
 * sample. Rows scored in only one run are counted, not compared.
 */
export interface PairedChange {
  /** Pairs: samples scored in both runs. */
  readonly n: number;
  readonly baseline: Rate;
  readonly candidate: Rate;
  /** candidate - baseline in [-1,1] (negative: the candidate got worse); null when n = 0. */
  readonly change: number | null;
  /** McNemar exact test, b = baseline correct and candidate wrong, c = baseline wrong and candidate correct. */
  readonly mcnemar: McNemarResult;
  /** Pairs whose top-1 class is the same in both runs, right or wrong. */
  readonly agreement: Rate;
  /** Of the pairs that disagree, those whose baseline top-1 was a near tie (see nearTieLead). */
  readonly nearTieDisagreements: number;
  /** Samples scored in the baseline only (absent, unrenderable or an error in the candidate). */
  readonly onlyInBaseline: number;
  /** Samples scored in the candidate only. */
  readonly onlyInCandidate: number;
}

/** One model in both runs. */
export interface ModelComparison {
  /** Clean top-1 accuracy, paired by sample id. */
  readonly clean: PairedChange;
  /** Attacked top-1 accuracy per attack id, paired by sample id (clean-only rows excluded). */
  readonly attacks: Readonly<Record<string, PairedChange>>;
}

/** Two runs compared: the union of their models and attack ids, keys sorted. */
export interface RunComparison {
  readonly metricsVersion: 1;
  readonly models: Readonly<Record<string, ModelComparison>>;
}

type PredictionsBySample = ReadonlyMap<string, RankedPrediction>;

/**
 * A baseline top-1 that led its runner-up by less than this logit gap (< 0.05: for a softmax, the
 * two probabilities within 5%; for SigLIP, the two logits within 0.05) is a near tie: any perturbation as small as int8 rounding or a
 * different summation order may swap the two, so a disagreement there says little about the
 * candidate.
 */
export const nearTieLead = 0.05;

function pairChange(baseline: PredictionsBySample, candidate: PredictionsBySample): PairedChange {
  let n = 0;
  let baselineCorrect = 0;
  let candidateCorrect = 0;
  let b = 0;
  let c = 0;
  let sameTop1 = 0;
  let nearTies = 0;
  for (const [sampleId, before] of baseline) {
    const after = candidate.get(sampleId);
    if (after === undefined) continue;
    n++;
    const wasCorrect = isInTopK(before, 1);
    const isCorrect = isInTopK(after, 1);
    if (before.ranked.length > 0 && before.ranked[0] === after.ranked[0]) sameTop1++;
    else if (before.lead !== undefined && before.lead < nearTieLead) nearTies++;
    if (wasCorrect) baselineCorrect++;
    if (isCorrect) candidateCorrect++;
    if (wasCorrect && !isCorrect) b++;
    if (!wasCorrect && isCorrect) c++;
  }
  const baselineRate = rateOf(baselineCorrect, n);
  const candidateRate = rateOf(candidateCorrect, n);
  return {
    n,
    baseline: baselineRate,
    candidate: candidateRate,
    change: candidateRate.rate === null || baselineRate.rate === null ? null : candidateRate.rate - baselineRate.rate,
    mcnemar: { b, c, pValue: mcnemarExact(b, c) },
    agreement: rateOf(sameTop1, n),
    nearTieDisagreements: nearTies,
    onlyInBaseline: baseline.size - n,
    onlyInCandidate: candidate.size - n,
  };
}

function cleanPredictions(model: ModelOutcomes | undefined): PredictionsBySample {
  return new Map([...(model?.cleanSamples ?? [])].map(([sampleId, sample]) => [sampleId, sample.prediction]));
}

function attackedPredictions(model: ModelOutcomes | undefined, attackId: string): PredictionsBySample {
  return new Map((model?.attackRows.get(attackId) ?? []).map((row) => [`${row.sampleId}\u0000${row.variant}`, row.attacked]));
}

function compareModel(baseline: ModelOutcomes | undefined, candidate: ModelOutcomes | undefined): ModelComparison {
  const attackIds = new Set([...(baseline?.attackRows.keys() ?? []), ...(candidate?.attackRows.keys() ?? [])]);
  return {
    clean: pairChange(cleanPredictions(baseline), cleanPredictions(candidate)),
    attacks: sortedRecord(
      [...attackIds].map((id): [string, PairedChange] => [id, pairChange(attackedPredictions(baseline, id), attackedPredictions(candidate, id))]),
    ),
  };
}

/**
 * Compares a candidate run with a baseline, per model: clean top-1 accuracy, and attacked top-1
 * accuracy per attack id, each over the samples scored in both runs (paired by model, attack id and
 * sample id), with the change, McNemar's exact test on the discordant pairs, and how often both
 * runs predicted the same class (top-1 agreement: two engines or precisions of one model should
 * agree almost always). Models and attacks
 * of either run are listed; one that a run lacks compares n = 0 pairs with its rows counted as
 * `onlyInBaseline` / `onlyInCandidate`. Keys are sorted; pure and order-independent.
 *
 * @param scoring each side's scoring rule kind per model (how near ties are read; default softmax).
 * @throws MetricsError when either run is inconsistent in itself (see {@link indexOutcomes})
 */
export function compareRuns(
  baseline: Iterable<Outcome>,
  candidate: Iterable<Outcome>,
  scoring: { readonly baseline: (model: string) => ScoringKind; readonly candidate: (model: string) => ScoringKind } = {
    baseline: () => 'softmax',
    candidate: () => 'softmax',
  },
): RunComparison {
  const before = indexOutcomes(baseline, scoring.baseline);
  const after = indexOutcomes(candidate, scoring.candidate);
  const modelIds = new Set([...before.keys(), ...after.keys()]);
  return {
    metricsVersion: 1,
    models: sortedRecord([...modelIds].map((id): [string, ModelComparison] => [id, compareModel(before.get(id), after.get(id))])),
  };
}
