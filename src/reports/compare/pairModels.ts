import { UsageError } from '../../errors/UsageError.js';
import type { Outcome } from '../../results/outcome.js';
import type { RunSummary } from '../writeRunReports.js';

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
