import { stringify } from 'csv-stringify/sync';
import { flipFontFraction } from '../../search/findMinimalAttack.js';
import type { SearchRecord } from '../../results/searchRecord.js';
import type { ScoringKind } from '../../zeroshot/scoringRule.js';
import { writeFileAtomicallySync } from '../../util/writeFileAtomically.js';
import { csvOptions } from '../escape.js';

/** Per-image columns, then per margin parameter (named by `margins`): its kind, flipping and holding values, and the font size drawn at the flipping value. */
const columns = [
  'id', 'model', 'sample_id', 'true_label', 'status', 'clean_top1', 'clean_top1_probability', 'attacked_top1', 'attacked_top1_probability', 'targeted',
  'attack_text', 'font', 'font_size_px', 'font_fraction', 'flip_font_fraction', 'size_fraction', 'opacity', 'sticker', 'repeat', 'rotation_deg', 'stroke_px',
  'placement_x', 'placement_y', 'letter_case', 'perturbation', 'seed', 'path', 'render_hash', 'runs', 'shrinks', 'model_calls', 'model_calls_to_minimal',
  'computed', 'interrupted', 'budget_spent', 'error_stage', 'message', 'scoring',
] as const;

function marginCells(record: SearchRecord, margins: readonly string[]): unknown[] {
  return margins.flatMap((name) => {
    const m = record.status === 'flipped' ? record.margins[name] : undefined;
    if (m === undefined) return ['', '', '', ''];
    if (m.kind === 'threshold') return [m.kind, m.flipping, m.holding, m.fontSizePx];
    if (m.kind === 'flipsAtWeakest') return [m.kind, m.flipping, '', m.fontSizePx];
    return [m.kind, '', '', ''];
  });
}

type Column = (typeof columns)[number];

function cells(r: SearchRecord): Partial<Record<Column, unknown>> {
  const base = { id: r.id, model: r.model, sample_id: r.sampleId, true_label: r.trueLabel, status: r.status };
  if (r.status === 'error') return { ...base, error_stage: r.stage, message: r.message };
  const searched = {
    ...base,
    clean_top1: r.clean.label,
    clean_top1_probability: r.clean.probability,
    seed: r.seed,
    runs: r.runs,
    shrinks: r.shrinks,
    model_calls: r.calls.modelCalls,
    model_calls_to_minimal: r.calls.toMinimal,
    computed: r.calls.computed,
    interrupted: r.interrupted,
    budget_spent: r.budgetSpent,
  };
  if (r.status === 'held') return searched;
  const { spec } = r.attack;
  return {
    ...searched,
    attacked_top1: r.attack.attacked.label,
    attacked_top1_probability: r.attack.attacked.probability,
    targeted: r.attack.targeted,
    attack_text: spec.text,
    font: spec.font.family,
    font_size_px: r.attack.fontSizePx,
    font_fraction: r.attack.fontFraction,
    flip_font_fraction: flipFontFraction(r),
    size_fraction: spec.size.unit === 'shortSide' ? spec.size.value : '',
    opacity: spec.opacity,
    sticker: spec.sticker !== null,
    repeat: spec.repeat,
    rotation_deg: spec.rotationDeg,
    stroke_px: spec.stroke.widthPx,
    placement_x: spec.placement.kind === 'fraction' ? spec.placement.x : '',
    placement_y: spec.placement.kind === 'fraction' ? spec.placement.y : '',
    letter_case: spec.letterCase,
    perturbation: spec.perturbation.kind,
    path: r.attack.path,
    render_hash: r.attack.renderHash,
  };
}

function row(r: SearchRecord, margins: readonly string[], scoring: ScoringKind): unknown[] {
  const named = cells(r);
  return [...columns.map((c) => (c === 'scoring' ? scoring : (named[c] ?? ''))), ...marginCells(r, margins)];
}

/**
 * `search.csv`: one row per searched image (model, then sample id, in code-unit order, so a
 * resumed search writes the same file), formulas neutralised: attack texts and labels are
 * adversarial input. Every row is as wide as the header. The `scoring` column (before the margin
 * columns) says what the probabilities are: `softmax` over the classes, or `sigmoid` (SigLIP's
 * per-class ones). Written atomically: whole or not at all.
 */
export function writeSearchCsv(
  file: string,
  records: readonly SearchRecord[],
  margins: readonly string[],
  scoringOf: (model: string) => ScoringKind = () => 'softmax',
): void {
  const header = [...columns, ...margins.flatMap((m) => [`${m}_margin`, `${m}_flipping`, `${m}_holding`, `${m}_flipping_font_px`])];
  const sorted = [...records].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : a.sampleId < b.sampleId ? -1 : a.sampleId > b.sampleId ? 1 : 0));
  writeFileAtomicallySync(file, stringify([header, ...sorted.map((r) => row(r, margins, scoringOf(r.model)))], csvOptions));
}
