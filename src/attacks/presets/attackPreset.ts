import { z } from 'zod';
import { AttackError } from '../../errors/errors.js';
import { attackSpecSchema, formatIssues } from '../attackSpec.js';
import { textChoiceSchema } from '../textChoice.js';

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

/**
 * A copy of `target` with the value at a dotted path ("font.family") replaced,
 * creating intermediate objects where the target has none (or null).
 */
export function setSpecPath(target: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') throw new RangeError(`Empty spec path '${path}'`);
  if (rest.length === 0) return { ...target, [head]: value };
  const child = target[head];
  const inner = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  return { ...target, [head]: setSpecPath(inner, rest.join('.'), value) };
}

/** Every value a distribution can produce that is worth checking: each option, or both ends of a range. */
function sampleValues(distribution: Distribution): unknown[] {
  if ('oneOf' in distribution) return distribution.oneOf;
  if ('uniformInt' in distribution) return [...distribution.uniformInt];
  return [...distribution.uniform];
}

function checkSpec(preset: AttackPreset, source: string, path: string, value: unknown): void {
  const base = { ...preset.spec, text: 'x' };
  const candidate = path === '' ? base : setSpecPath(base, path, value);
  const result = attackSpecSchema.safeParse(candidate);
  if (!result.success) {
    const where = path === '' ? 'spec' : `${path} = ${JSON.stringify(value)}`;
    throw new AttackError(`Invalid preset '${preset.name}' in ${source}: ${where}: ${formatIssues(result.error)}`, source);
  }
}

/**
 * Validates a preset file's contents: the schema, then the base spec with every
 * value `vary` and `sweep` can give (each on its own), and that `distinct`
 * names varied fields. Throws AttackError naming the field and its range, so a
 * bad preset fails when it is loaded, not halfway through a run.
 */
export function parsePreset(value: unknown, source: string): AttackPreset {
  const result = presetSchema.safeParse(value);
  if (!result.success) throw new AttackError(`Invalid preset in ${source}: ${formatIssues(result.error)}`, source, { cause: result.error });
  const preset = result.data;
  if ('text' in preset.spec) throw new AttackError(`Invalid preset '${preset.name}' in ${source}: spec.text is not allowed; the text comes from "text" (the text-choice strategy).`, source);
  checkSpec(preset, source, '', undefined);
  for (const [path, distribution] of Object.entries(preset.vary)) {
    for (const v of sampleValues(distribution)) checkSpec(preset, source, path, v);
  }
  for (const [path, values] of Object.entries(preset.sweep)) {
    for (const v of values) checkSpec(preset, source, path, v);
  }
  for (const [first, second] of preset.distinct) {
    if (!(first in preset.vary) || !(second in preset.vary)) {
      throw new AttackError(`Invalid preset '${preset.name}' in ${source}: distinct [${first}, ${second}] must name two fields of "vary".`, source);
    }
  }
  return preset;
}
