import { expandPreset } from '../attacks/presets/expandPreset.js';
import type { AttackPreset } from '../attacks/presets/attackPreset.js';
import type { AttackOrigin, AttackSpec } from '../attacks/attackSpec.js';
import { chooseTexts, type TextChoiceContext } from '../attacks/textChoice.js';
import type { Sample } from '../datasets/dataset.js';
import { messageOf } from '../errors/errors.js';
import { encodeVariant } from '../results/outcome.js';
import type { PlannedAttack } from '../results/runPlan.js';
import { type PlannedRow, sampleSeed } from './sampleState.js';

/**
 * Which attack rows a run plans for one sample: every attack's seeded draws x its preset's texts
 * and sweep points, with the variant and seed each row is recorded and rendered under. Shared by
 * runs (evaluateSamples) and frozen exports (exportAttacks), so both draw the same specs.
 */

/** A row of a sample's plan: drawn (its spec is set), or not, with why (a run makes it an error row of its own). */
export interface RowPlan {
  readonly row: PlannedRow;
  readonly failure?: string;
}

/** What planning a sample's rows depends on: the plan's attacks and the dataset's class list. */
export interface RowPlanContext {
  readonly attacks: readonly PlannedAttack[];
  readonly classes: readonly string[];
}

/** A row that has no spec: one that could not be drawn, or one of a sample whose rows cannot be planned. Its spec is never read. */
export function specless(attackId: string, variant: string): PlannedRow {
  return { attackId, variant, spec: undefined as unknown as AttackSpec, seed: 0 };
}

/** Sweep points of a preset: every draw gives this many specs per text. */
function sweepSize(preset: AttackPreset): number {
  return Object.values(preset.sweep).reduce((n, values) => n * (values as readonly unknown[]).length, 1);
}

/**
 * One seeded draw of a preset, one row per text and sweep point (variant `<draw>/<text>/<sweep>`).
 * A text the preset cannot write (too long, a control character) fails only its own rows: the
 * draw is then expanded text by text, each text as a fixed one at its own index, which gives the
 * same specs (origin included) as the whole draw would. A draw with no text to write at all fails
 * as one row, variant `<draw>`.
 */
function drawPreset(attackId: string, preset: AttackPreset, draw: number, context: TextChoiceContext): RowPlan[] {
  const planOf = (spec: AttackSpec): RowPlan => ({ row: { attackId, variant: encodeVariant({ draw, presetPath: spec.origin?.path ?? '' }), spec, seed: context.seed } });
  try {
    return expandPreset(preset, context).map(planOf);
  } catch {
    let texts: string[];
    try {
      texts = chooseTexts(preset.text, context);
    } catch (error) {
      return [{ row: specless(attackId, encodeVariant({ draw })), failure: messageOf(error) }];
    }
    return texts.flatMap((text, ti) => {
      try {
        const specs = expandPreset({ ...preset, text: { strategy: 'fixed', text } }, context);
        return specs.map((spec, si) => planOf({ ...spec, origin: { ...(spec.origin as AttackOrigin), path: `${ti}/${si}` } }));
      } catch (error) {
        return Array.from({ length: sweepSize(preset) }, (_, si) => ({ row: specless(attackId, encodeVariant({ draw, presetPath: `${ti}/${si}` })), failure: messageOf(error) }));
      }
    });
  }
}

/**
 * The rows of every attack for one sample: n seeded draws x the preset's texts and sweep points.
 * `sampleId` is the run's `<dataset id>/<sample id>`, which seeds every draw.
 */
export function plannedRows(sample: Sample, sampleId: string, ctx: RowPlanContext): RowPlan[] {
  return ctx.attacks.flatMap((attack) =>
    Array.from({ length: attack.n }, (_, draw): RowPlan[] => {
      const seed = sampleSeed(attack.seed, sampleId, draw);
      if (attack.attack.kind === 'spec') return [{ row: { attackId: attack.id, variant: encodeVariant({ draw }), spec: attack.attack.spec, seed } }];
      return drawPreset(attack.id, attack.attack.preset, draw, { label: sample.label, classes: ctx.classes, seed });
    }).flat(),
  );
}

/** Placeholder rows (one per draw) for a sample whose rows cannot be planned (its label is not a class). */
export function placeholderRows(ctx: Pick<RowPlanContext, 'attacks'>): PlannedRow[] {
  return ctx.attacks.flatMap((attack) => Array.from({ length: attack.n }, (_, draw) => specless(attack.id, `${draw}`)));
}
