import { z } from 'zod';
import { textChoiceSchema } from '../strategies/textChoiceSchema.js';

/** Spec fields a preset may vary per image or sweep over, as dotted paths into an AttackSpec. */
export const presetParamPaths = [
  'font.family', 'font.weight', 'font.style', 'size.unit', 'size.value', 'size.minPx', 'size.fit',
  'fill', 'stroke.colour', 'stroke.widthPx', 'opacity', 'placement', 'marginPx', 'rotationDeg',
  'sticker', 'repeat', 'letterCase', 'perturbation', 'wrap', 'lineHeight', 'layout', 'resave',
] as const;
export type PresetParamPath = (typeof presetParamPaths)[number];

const paramPath = z.enum(presetParamPaths, { error: (i) => `unknown field ${JSON.stringify(i.input)}; a preset may vary or sweep: ${presetParamPaths.join(', ')}` });

/** A map keyed by spec fields; an unknown key is named with the list of valid ones. */
function byField<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!(presetParamPaths as readonly string[]).includes(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown field; a preset may vary or sweep: ${presetParamPaths.join(', ')}` });
      }
    }
  }) as unknown as z.ZodType<Partial<Record<PresetParamPath, z.output<T>>>, Partial<Record<PresetParamPath, z.input<T>>>>;
}
const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });

/** How one field is drawn for each image, from the image's seed. */
export const distributionSchema = z.union([
  /** One of the listed values, uniformly. */
  z.strictObject({ oneOf: z.array(z.unknown()).min(1) }),
  /** A whole number in [min, max], uniformly. */
  z.strictObject({ uniformInt: z.tuple([z.number().int(), z.number().int()]).refine(([a, b]) => a <= b, { error: 'must be [min, max] with min <= max' }) }),
  /** A real number in [min, max), uniformly. */
  z.strictObject({ uniform: z.tuple([finite, finite]).refine(([a, b]) => a <= b, { error: 'must be [min, max] with min <= max' }) }),
]);
export type Distribution = z.output<typeof distributionSchema>;

/**
 * A published attack recipe as a declarative file in `attacks/presets/`: a base
 * spec, the fields drawn per image (`vary`), the fields swept for dose-response
 * curves (`sweep`, one attack per combination), and how the text is chosen.
 */
export const presetSchema = z.strictObject({
  /** File name without `.json`: lower-case letters, digits, hyphens. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and hyphens' }),
  /** One sentence: what the attack looks like. */
  description: z.string().min(1),
  /** Where the recipe comes from (paper, figure or dataset). */
  source: z.string().min(1),
  /** Where stroop's version departs from the source, if anywhere. */
  notes: z.string().optional(),
  text: textChoiceSchema,
  /** Partial AttackSpec (everything but `text`); defaults fill the rest. */
  spec: z.record(z.string(), z.unknown()).default({}),
  /** Fields drawn independently for each image from the image's seed. */
  vary: byField(distributionSchema).default({}),
  /** Pairs of varied fields that must differ (the second is redrawn), e.g. fill and stroke colour. */
  distinct: z.array(z.tuple([paramPath, paramPath])).default([]),
  /** Fields swept in a grid: one attack per combination, in file order. */
  sweep: byField(z.array(z.unknown()).min(1)).default({}),
});

export type AttackPreset = z.output<typeof presetSchema>;
