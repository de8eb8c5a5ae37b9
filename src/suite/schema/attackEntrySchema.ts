import { z } from 'zod';
import { listPresetNames } from '../../attacks/presets/loadPreset.js';
import { textChoiceSchema } from '../../attacks/strategies/textChoiceSchema.js';
import { hasNoNul, idSchema, nulPathMessage, wholeNumberIn } from './schemaParts.js';

const presetNames = listPresetNames() as [string, ...string[]];
// Both options carry the whole message: zod reports the option that came closest, not the union.
const error = `must be a shipped preset (${presetNames.join(', ')}) or a .json preset/spec file`;

/** Largest base seed: seeds are unsigned 32-bit, as most tools' are. */
export const maxSeed = 0xffffffff;

/** One attack of a suite, as written. */
export const attackEntrySchema = z
  .strictObject({
    preset: z
      .union([z.enum(presetNames, { error }), z.string({ error }).regex(/\.json$/, { error })], { error })
      .refine(hasNoNul, { error: nulPathMessage })
      .describe('A shipped preset (see `stroop attacks list`) or a .json preset or single-spec file, relative to the suite file.'),
    id: idSchema.optional().describe('Names the attack in reports and in thresholds.perAttack; default: the preset name (the file name without .json).'),
    n: wholeNumberIn(1, 10000).default(1).describe('Draws per image: the attack is drawn n times, each seed derived from seed, the sample id and the draw index.'),
    seed: wholeNumberIn(0, maxSeed).default(0).describe('Base seed of the draws.'),
    text: textChoiceSchema.optional().describe("Overrides the preset's text strategy (how the attack word is chosen)."),
  })
  .describe('A typographic attack; the clean images are always evaluated too.');

export type AttackEntry = z.output<typeof attackEntrySchema>;
