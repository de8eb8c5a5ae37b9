import { compareCodeUnits } from '../../util/ordering.js';
import type { PairedChange, RunComparison } from '../../metrics/runComparison.js';
import type { Rate } from '../../metrics/statistics.js';
import type { AttackMetrics } from '../../metrics/runMetrics.js';
import type { RunSummary } from '../runSummary.js';
import type { SummaryDifference } from './findSummaryDifferences.js';
import { UsageError } from '../../errors/errors.js';
import type { Outcome } from '../../results/outcome.js';

/** What {@link compareSummaries} compares. */
export interface ComparisonInput {
  readonly baseline: { readonly name: string; readonly summary: RunSummary };
  readonly candidate: { readonly name: string; readonly summary: RunSummary };
  /** `compareRuns` of both result logs, or null when either log is missing (no p-values). */
  readonly paired: RunComparison | null;
  /** Significance level in (0, 1). */
  readonly alpha: number;
  readonly differences: readonly SummaryDifference[];
}

function unpaired(baseline: Rate | null, candidate: Rate | null): AccuracyChange {
  const change = baseline?.rate == null || candidate?.rate == null ? null : candidate.rate - baseline.rate;
  const regression = baseline?.lower != null && candidate?.upper != null && candidate.upper < baseline.lower;
  return { baseline, candidate, change, pairs: null, pValue: null, agreement: null, nearTieDisagreements: null, regression };
}

function paired(p: PairedChange | undefined, alpha: number): AccuracyChange {
  if (p === undefined) return { baseline: null, candidate: null, change: null, pairs: 0, pValue: null, agreement: null, nearTieDisagreements: null, regression: false };
  const pValue = p.n === 0 ? null : p.mcnemar.pValue;
  return { baseline: p.baseline, candidate: p.candidate, change: p.change, pairs: p.n, pValue, agreement: p.agreement, nearTieDisagreements: p.nearTieDisagreements, regression: p.change !== null && p.change < 0 && pValue !== null && pValue < alpha };
}

function attackRow(model: string, attack: string, a: AttackMetrics | undefined, b: AttackMetrics | undefined, pairedChange: PairedChange | undefined, input: ComparisonInput): ComparisonRow {
  return {
    model,
    attack,
    // Clean accuracy is tested once per model, on the `clean` row; here it is context.
    cleanAcc1: { ...unpaired(a?.clean.acc1 ?? null, b?.clean.acc1 ?? null), regression: false },
    attackedAcc1: input.paired === null ? unpaired(a?.attacked.acc1 ?? null, b?.attacked.acc1 ?? null) : paired(pairedChange, input.alpha),
    drop: { baseline: a?.drop.acc1.absolute ?? null, candidate: b?.drop.acc1.absolute ?? null },
    asr: { baseline: a?.targetedAsr ?? null, candidate: b?.targetedAsr ?? null },
  };
}

/**
 * Compares two runs per model x attack: clean and attacked top-1, drop and targeted success.
 * With both result logs (`paired`), accuracy changes are over the samples both runs scored, with
 * McNemar's exact p-value, and a regression is a drop with p < alpha; without them, rates come
 * from the summaries and a regression is a candidate interval wholly below the baseline's (a
 * conservative test). Only models in both runs are compared. Pure.
 */
export function compareSummaries(input: ComparisonInput): SummaryComparison {
  const a = input.baseline.summary.metrics.models;
  const b = input.candidate.summary.metrics.models;
  const models = Object.keys(a).filter((id) => Object.hasOwn(b, id)).sort(compareCodeUnits);
  const rows = models.flatMap((model) => {
    const ma = a[model];
    const mb = b[model];
    if (ma === undefined || mb === undefined) return [];
    const pairedModel = input.paired?.models[model];
    const clean: ComparisonRow = {
      model,
      attack: 'clean',
      cleanAcc1: input.paired === null ? unpaired(ma.clean.acc1, mb.clean.acc1) : paired(pairedModel?.clean, input.alpha),
      attackedAcc1: null,
      drop: null,
      asr: null,
    };
    const attacks = [...new Set([...Object.keys(ma.attacks), ...Object.keys(mb.attacks)])].sort(compareCodeUnits);
    const pick = (m: typeof ma, id: string) => (Object.hasOwn(m.attacks, id) ? m.attacks[id] : undefined);
    const pairedAttack = (id: string) => (pairedModel !== undefined && Object.hasOwn(pairedModel.attacks, id) ? pairedModel.attacks[id] : undefined);
    return [clean, ...attacks.map((id) => attackRow(model, id, pick(ma, id), pick(mb, id), pairedAttack(id), input))];
  });
  const regressions = rows.filter((r) => (r.attack === 'clean' ? r.cleanAcc1.regression : r.attackedAcc1?.regression === true));
  return { baseline: input.baseline.name, candidate: input.candidate.name, alpha: input.alpha, paired: input.paired !== null, differences: input.differences, rows, regressions };
}

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

/** A baseline model compared with a candidate model of another id (`--pair fp32=q8`). */
export interface ModelPair {
  readonly baseline: string;
  readonly candidate: string;
  /** The id both sides are compared under: `fp32 vs q8`, or the id itself when both are the same. */
  readonly label: string;
}

/**
 * Reads `--pair <baseline id>=<candidate id>` values. One model may be in several pairs (fp32
 * against q8 and against fp16), each pair once.
 * @throws UsageError naming `--pair` for a value without exactly one `=`, an empty id, or a pair given twice.
 */
export function parseModelPairs(values: readonly string[]): ModelPair[] {
  const pairs = values.map((value): ModelPair => {
    const parts = value.split('=');
    const [baseline = '', candidate = ''] = parts;
    if (parts.length !== 2 || baseline.trim() === '' || candidate.trim() === '') {
      throw new UsageError(`--pair takes <baseline model id>=<candidate model id> (e.g. --pair fp32=q8), got '${value}'.`, '--pair');
    }
    return { baseline, candidate, label: baseline === candidate ? baseline : `${baseline} vs ${candidate}` };
  });
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (seen.has(pair.label)) throw new UsageError(`--pair gives ${pair.baseline}=${pair.candidate} twice.`, '--pair');
    seen.add(pair.label);
  }
  return pairs;
}

function renamed<T>(record: Readonly<Record<string, T>>, pairs: readonly ModelPair[], role: Side): Record<string, T> {
  return Object.fromEntries(pairs.filter((pair) => Object.hasOwn(record, pair[role])).map((pair) => [pair.label, record[pair[role]] as T]));
}

type Side = 'baseline' | 'candidate';

/**
 * One side of a paired comparison: only the paired models, each under its pair's label, so that
 * a model can be compared with another of a different id, in another run or in the same one
 * (two precisions or engines as two entries of one suite).
 * @throws UsageError naming the run and the ids it has when a paired id is not in it.
 */
export function selectPairedModels(summary: RunSummary, pairs: readonly ModelPair[], role: Side, file: string): RunSummary {
  for (const pair of pairs) {
    if (!Object.hasOwn(summary.metrics.models, pair[role])) {
      throw new UsageError(`--pair: the ${role} ${file} has no model '${pair[role]}'; its models are ${Object.keys(summary.metrics.models).map((m) => `'${m}'`).join(', ')}.`, '--pair');
    }
  }
  return { ...summary, models: renamed(summary.models, pairs, role), metrics: { ...summary.metrics, models: renamed(summary.metrics.models, pairs, role) } };
}

/** The rows of the paired models, once per pair the model is in, under the pair's label; other models' rows are left out. */
export function* pairedOutcomes(outcomes: Iterable<Outcome>, pairs: readonly ModelPair[], role: Side): Generator<Outcome> {
  for (const outcome of outcomes) {
    for (const pair of pairs) if (pair[role] === outcome.model) yield { ...outcome, model: pair.label };
  }
}
