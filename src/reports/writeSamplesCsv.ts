import { compareCodeUnits as compare } from '../util/ordering.js';
import { CLEAN, hasCleanImage } from '../results/outcome.js';
import { stringify } from 'csv-stringify/sync';
import type { Outcome, ScoredClass } from '../results/outcome.js';
import type { ScoringKind } from '../zeroshot/scoringRule.js';
import { writeFileStreamingSync } from '../util/writeFileAtomically.js';
import { csvOptions } from './escape.js';

const sampleColumns = [
  'model', 'sample_id', 'true_label', 'attack_id', 'variant', 'kind', 'attack_text', 'target_index', 'spec_hash', 'render_hash',
  'clean_top1', 'clean_top1_probability', 'clean_correct', 'attacked_top1', 'attacked_top1_probability', 'attacked_correct', 'flipped', 'targeted_success',
  'clean_top_k', 'attacked_top_k', 'error_stage', 'message', 'scoring',
] as const;

const topKCell = (top: readonly ScoredClass[]) => top.map((c) => `${c.label}:${c.probability.toFixed(6)}`).join('|');

/** One row; `scoring` says what its probabilities are (softmax over the classes, or SigLIP's per-class sigmoid). */
function row(o: Outcome, scoring: ScoringKind): unknown[] {
  const base = [o.model, o.sampleId, o.trueLabel, o.attackId, o.variant, o.kind];
  if (o.kind === 'error') return [...base, '', '', '', '', '', '', '', '', '', '', '', '', '', '', o.stage, o.message, scoring];
  if (o.kind === 'unrenderable') return [...base, o.attackText ?? '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', o.reason, scoring];
  const attacked = o.attacked[0];
  const attackedCells = [attacked?.label ?? '', attacked?.probability ?? '', attacked?.index === o.trueIndex];
  const targeted = o.targetIndex !== null && attacked?.index === o.targetIndex;
  const head = [...base, o.attackText ?? '', o.targetIndex ?? '', o.specHash ?? '', o.renderHash ?? ''];
  // A real-world image without a clean pair: the clean cells stay empty.
  if (!hasCleanImage(o)) return [...head, '', '', '', ...attackedCells, '', targeted, '', topKCell(o.attacked), '', '', scoring];
  const clean = o.clean[0];
  return [
    ...head, clean?.label ?? '', clean?.probability ?? '', clean?.index === o.trueIndex, ...attackedCells,
    clean?.index !== attacked?.index, targeted, topKCell(o.clean), topKCell(o.attacked), '', '', scoring,
  ];
}

/**
 * `samples.csv`: one row per result-log row (sample x attack), in a canonical order - models
 * and attacks as the suite lists them (clean first), then sample id and variant - so a run, a
 * resumed run and merged shards write the same file. Holds the formatted lines, not the outcomes.
 * The last column, `scoring`, is each row's model's rule: `softmax` (probabilities over the
 * classes) or `sigmoid` (SigLIP: each class's own probability; they do not sum to 1).
 */
export function writeSamplesCsv(
  file: string,
  outcomes: Iterable<Outcome>,
  modelOrder: readonly string[],
  attackOrder: readonly string[],
  scoringOf: (model: string) => ScoringKind = () => 'softmax',
): number {
  const rank = (list: readonly string[], id: string) => (list.includes(id) ? list.indexOf(id) : list.length);
  const lines: { model: number; attack: number; sample: string; variant: string; text: string }[] = [];
  for (const o of outcomes) {
    lines.push({ model: rank(modelOrder, o.model), attack: o.attackId === CLEAN ? -1 : rank(attackOrder, o.attackId), sample: o.sampleId, variant: o.variant, text: stringify([row(o, scoringOf(o.model))], csvOptions) });
  }
  lines.sort((a, b) => a.model - b.model || compare(a.sample, b.sample) || a.attack - b.attack || compare(a.variant, b.variant));
  // Atomic: the file appears whole or not at all (a full disk leaves the previous one, or none).
  writeFileStreamingSync(file, (out) => {
    out.write(stringify([[...sampleColumns]], csvOptions));
    for (let i = 0; i < lines.length; i += 5000) out.write(lines.slice(i, i + 5000).map((l) => l.text).join(''));
  });
  return lines.length;
}
