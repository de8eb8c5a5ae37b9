import { z } from 'zod';
import { recipeColours } from '../../attacks/attackSpecArb.js';
import { fontFamilies, describeFontNames, findFontFamily } from '../../attacks/fonts/fontCatalog.js';
import { attackSpecSchema, type AttackSpec } from '../../attacks/attackSpec.js';
import { colourNames } from '../../attacks/schemaParts.js';
import { fraction, maxSeed, wholeNumberIn } from './suiteEntrySchemas.js';

/*
 * A suite's `search` block: its schema, the margin parameters `search.margins` may name (with
 * their bisection defaults) and the check that a search space has something to shrink. The
 * search itself (src/search) reads them from here.
 */

/** A continuous attack parameter that can be bisected to the value at which the prediction flips. */
export interface MarginParam {
  /** What it measures, for help text and reports. */
  readonly description: string;
  readonly unit: string;
  /** The weakest value the parameter can take (no attack, or the least visible one). */
  readonly weakest: number;
  /** Bisection stops when flipping and holding values are this close, in `unit`. */
  readonly defaultTolerance: number;
  /** The parameter's value in `spec`, or undefined when the spec has none (no sticker, pixel sizes). */
  valueOf(spec: AttackSpec): number | undefined;
  /** `spec` with the parameter set to `value` (everything else unchanged). */
  withValue(spec: AttackSpec, value: number): AttackSpec;
}

/** The strength fields of a search space (see searchSpaceSchema). */
export interface SpaceStrength {
  readonly sizeFraction: readonly [number, number];
  readonly opacity: readonly [number, number];
  readonly placement: 'anywhere' | 'centre';
  readonly maxRepeat: number;
  readonly sticker: boolean;
  readonly maxStrokePx: number;
  readonly maxRotationDeg: number;
}

/** Distance of a fraction placement from the centre: 0 centred, 1 flush with an edge (the larger axis). */
function centreDistanceOf(spec: AttackSpec): number | undefined {
  const p = spec.placement;
  return p.kind === 'fraction' ? 2 * Math.max(Math.abs(p.x - 0.5), Math.abs(p.y - 0.5)) : undefined;
}

/** Moves a fraction placement along the ray from the centre through it (leftward when it is centred) to `distance`. */
function atCentreDistance(spec: AttackSpec, distance: number): AttackSpec {
  const p = spec.placement;
  if (p.kind !== 'fraction') return spec;
  const now = centreDistanceOf(spec) ?? 0;
  // The offset from the centre at distance 1 (its larger coordinate is 0.5).
  const [dx, dy] = now === 0 ? [-0.5, 0] : [(p.x - 0.5) / now, (p.y - 0.5) / now];
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { ...spec, placement: { kind: 'fraction', x: clamp(0.5 + dx * distance), y: clamp(0.5 + dy * distance) } };
}

/**
 * The parameters `search.margins` may name, a frozen registry. Each is bisected from a minimal
 * successful attack toward its weakest value, everything else held fixed.
 */
export const marginParams: Readonly<Record<string, MarginParam>> = Object.freeze({
  size: {
    description: 'font size as a fraction of the image short side (before shrink-to-fit)',
    unit: 'x short side',
    weakest: 0.01,
    defaultTolerance: 0.005,
    valueOf: (spec) => (spec.size.unit === 'shortSide' ? spec.size.value : undefined),
    withValue: (spec, value) => ({ ...spec, size: { ...spec.size, value } }),
  },
  opacity: {
    description: 'opacity of the text',
    unit: '',
    weakest: 0,
    defaultTolerance: 0.01,
    valueOf: (spec) => spec.opacity,
    withValue: (spec, value) => ({ ...spec, opacity: value }),
  },
  stickerOpacity: {
    description: 'opacity of the sticker behind the text',
    unit: '',
    weakest: 0,
    defaultTolerance: 0.01,
    valueOf: (spec) => spec.sticker?.opacity,
    withValue: (spec, value) => (spec.sticker === null ? spec : { ...spec, sticker: { ...spec.sticker, opacity: value } }),
  },
  centreDistance: {
    description: 'distance of the text from the image centre: 0 centred, 1 flush with an edge',
    unit: '',
    weakest: 1,
    defaultTolerance: 0.01,
    valueOf: centreDistanceOf,
    withValue: atCentreDistance,
  },
});

/** The names `search.margins` accepts. */
export const marginParamNames = Object.keys(marginParams) as readonly string[];

/**
 * The fields of an attack space along which shrinking weakens an attack: a size or opacity range,
 * free placement, copies, a sticker, a stroke, a rotation. Fonts, colours and texts vary an
 * attack but do not make it weaker, so they do not count. Empty: every attack of the space is
 * equally strong, and a "minimal" attack would mean nothing.
 */
export function shrinkableDimensions(space: SpaceStrength): string[] {
  const grid = (range: readonly [number, number], steps: number) => Math.floor(range[1] * steps + 1e-9) > Math.ceil(range[0] * steps - 1e-9);
  return [
    ...(grid(space.sizeFraction, 100) ? ['sizeFraction'] : []),
    ...(grid(space.opacity, 20) ? ['opacity'] : []),
    ...(space.placement === 'anywhere' ? ['placement'] : []),
    ...(space.maxRepeat > 1 ? ['maxRepeat'] : []),
    ...(space.sticker ? ['sticker'] : []),
    ...(space.maxStrokePx > 0 ? ['maxStrokePx'] : []),
    ...(space.maxRotationDeg > 0 ? ['maxRotationDeg'] : []),
  ];
}

const marginNames = marginParamNames as [string, ...string[]];

/** [min, max] with min <= max, each in [lo, hi]. */
function rangeIn(lo: number, hi: number) {
  const error = `must be [min, max] with numbers in [${lo}, ${hi}] and min <= max`;
  const bound = z.number({ error }).min(lo, { error }).max(hi, { error });
  return z.tuple([bound, bound], { error }).refine(([min, max]) => min <= max, { error });
}

const fontSchema = z.string({ error: 'must be a font name' }).refine((name) => findFontFamily(name) !== undefined, { error: `must be a bundled font: ${describeFontNames()}` });
const colourSchema = z
  .string({ error: 'must be a colour' })
  .refine((c) => /^#[0-9a-fA-F]{6}$/.test(c) || (colourNames as readonly string[]).includes(c), { error: `must be '#rrggbb' or one of ${colourNames.join(', ')}` });

/**
 * The attack space a search draws from (attackSpecArb's constraints, less the texts). The first
 * item of each list is where shrinking goes, so list the weakest choice first.
 */
export const searchSpaceSchema = z
  .strictObject({
    families: z.array(fontSchema, { error: 'must be a list of font names' }).min(1, { error: 'must list at least one font' }).default([...fontFamilies]).describe('Candidate fonts; default every bundled font.'),
    colours: z.array(colourSchema, { error: 'must be a list of colours' }).min(1, { error: 'must list at least one colour' }).default([...recipeColours]).describe('Candidate text, stroke and sticker colours.'),
    sizeFraction: rangeIn(0.01, 1).default([0.05, 0.5]).describe('Font size as a fraction of the image short side, in steps of 0.01.'),
    opacity: rangeIn(0, 1).default([0.1, 1]).describe('Text opacity, in steps of 0.05.'),
    maxRepeat: wholeNumberIn(1, 64).default(4).describe('Most copies of the text.'),
    maxRotationDeg: wholeNumberIn(0, 180).default(30).describe('Largest rotation either way, in whole degrees.'),
    maxStrokePx: wholeNumberIn(0, 50).default(3).describe('Widest outline, in whole px.'),
    sticker: z.boolean({ error: 'must be true or false' }).default(true).describe('Whether a label (sticker) may be drawn behind the text.'),
    perturbations: z.boolean({ error: 'must be true or false' }).default(true).describe('Whether letter case and spelling perturbations may be drawn.'),
    placement: z.enum(['anywhere', 'centre'], { error: 'must be anywhere or centre' }).default('anywhere').describe('anywhere: shrinking moves the text toward an edge; centre: always centred.'),
  })
  .refine((space) => shrinkableDimensions(space).length > 0, {
    error:
      'has nothing to shrink: give a sizeFraction or opacity range, placement anywhere, maxRepeat > 1, sticker true, maxStrokePx > 0 or maxRotationDeg > 0 (fonts, colours and texts vary an attack but do not weaken it)',
  })
  .describe('The attacks the search draws; shrinking moves every field toward its weakest value.');

const gatesSchema = z
  .strictObject({
    minFlipFontFraction: fraction()
      .optional()
      .describe('No image may flip with a word whose font size is below this fraction of the image height (the size margin, else the minimal attack).'),
    maxFlipRate: fraction().optional().describe('Largest allowed fraction of searched images for which a successful attack is found.'),
  })
  .describe('CI gates on the search; breaching one exits with code 1 and prints the minimal counterexample.');

/** A budget: a whole number in [1, max]; the message says what a budget of 0 would do. */
function budgetOf(max: number, zeroDoes: string) {
  const error = `must be a whole number in [1, ${max}] (a budget of 0 ${zeroDoes})`;
  return z.number({ error }).int({ error }).min(1, { error }).max(max, { error });
}

const secondsSchema = z.number({ error: 'must be a number of seconds > 0' }).positive({ error: 'must be a number of seconds > 0' });

/**
 * A suite's `search` block: the property "the attacked image's top-1 equals the clean top-1",
 * checked with fast-check over attacks drawn from `space`, each counterexample shrunk to a
 * minimal successful attack and bisected to per-parameter margins.
 */
export const searchEntrySchema = z
  .strictObject({
    seed: wholeNumberIn(0, maxSeed).default(0).describe("Base seed; each image's fast-check seed is derived from it and the sample id."),
    numRuns: budgetOf(100000, 'tries nothing').default(100).describe('Random attacks tried per image before the first success (fast-check numRuns).'),
    maxCallsPerImage: budgetOf(1000000, 'evaluates nothing')
      .default(400)
      .describe('Most distinct attacked images evaluated per image (search, shrinking and margins together); shrinking stops at the budget.'),
    timeLimitPerImageS: secondsSchema.optional().describe('Stop searching one image after this long (results then depend on speed).'),
    timeLimitS: secondsSchema.optional().describe('Stop starting new images after this long; a re-run resumes.'),
    goal: z
      .enum(['flip', 'targeted'], { error: 'must be flip or targeted' })
      .default('flip')
      .describe('flip: an attack succeeds when the top-1 changes; targeted: only when the top-1 becomes the class the written word names.'),
    texts: z
      .union([z.literal('wrongClasses'), z.array(attackSpecSchema.shape.text, { error: 'must be a list of texts' }).min(1)], {
        error: 'must be wrongClasses or a list of texts',
      })
      .default('wrongClasses')
      .describe("Candidate words: wrongClasses (every class but the true and the predicted one, the clean model's nearest first) or a list."),
    maxTexts: wholeNumberIn(1, 100000).optional().describe('With wrongClasses: only the nearest this many classes.'),
    space: searchSpaceSchema.prefault({}),
    margins: z
      .array(z.enum(marginNames, { error: `must be one of ${marginNames.join(', ')}` }), { error: `must be a list of ${marginNames.join(', ')}` })
      .default(['size', 'opacity', 'centreDistance'])
      .describe('Parameters bisected from each minimal attack to the value at which the prediction flips.'),
    tolerance: z
      .partialRecord(z.enum(marginNames, { error: `must be one of ${marginNames.join(', ')}` }), z.number({ error: 'must be a number > 0' }).positive({ error: 'must be a number > 0' }))
      .default({})
      .describe('Bisection tolerance per parameter, in its unit (default size 0.005, opacity 0.01, stickerOpacity 0.01, centreDistance 0.01).'),
    concurrency: wholeNumberIn(1, 4096).optional().describe("Images searched at once; their model calls share engine batches. Default: twice the suite's batch."),
    gates: gatesSchema.optional(),
  })
  .describe('Minimal-attack search (stroop search): fast-check property per image, shrinking, margins.');

export type SearchEntry = z.output<typeof searchEntrySchema>;
export type SearchSpaceEntry = z.output<typeof searchSpaceSchema>;
