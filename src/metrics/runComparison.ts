import type { McNemarResult } from './mcnemarExact.js';
import type { Rate } from './rateOf.js';

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
