import fc from 'fast-check';
import { z } from 'zod';
import { AttackError } from '../errors/errors.js';
import { attackSpecSchema, formatIssues, type AttackOrigin, type AttackSpec } from './attackSpec.js';
import { fontFamilies } from './fonts/fontCatalog.js';
import { colourSchema, intIn, numberIn } from './schemaParts.js';

/** The eight colours of the Defense-Prefix recipe. */
export const recipeColours = ['white', 'blue', 'green', 'red', 'magenta', 'cyan', 'yellow', 'black'] as const;

const fontFamilySchema = attackSpecSchema.shape.font.unwrap().shape.family.unwrap();
const rangeOf = (min: number, max: number) =>
  z.tuple([numberIn(min, max), numberIn(min, max)]).refine(([lo, hi]) => lo <= hi, { error: 'must be [min, max] with min <= max' });

/**
 * Bounds for every field `attackSpecArb` draws. The first item of each list is
 * where the shrinker goes, so put the weakest choice first.
 */
export const attackConstraintsSchema = z.strictObject({
  /** Candidate texts (e.g. the wrong classes); default ["iPod"]. */
  texts: z.array(z.string().max(200)).min(1).default(['iPod']),
  /** Candidate font families; default every bundled family. */
  families: z.array(fontFamilySchema).min(1).default([...fontFamilies]),
  /** Candidate fill/stroke/sticker colours; default the eight recipe colours. */
  colours: z.array(colourSchema).min(1).default([...recipeColours]),
  /** Font size as a fraction of the image's short side, in steps of 0.01, within [0.01, 1]. */
  sizeFraction: rangeOf(0.01, 1).default([0.05, 0.5]),
  /** Text opacity, in steps of 0.05, within [0, 1]. */
  opacity: rangeOf(0, 1).default([0.1, 1]),
  /** Most copies of the text, in [1, 64]. */
  maxRepeat: intIn(1, 64).default(4),
  /** Largest rotation either way, whole degrees in [0, 180]. */
  maxRotationDeg: intIn(0, 180, 'degrees').default(30),
  /** Widest stroke, whole px in [0, 50]. */
  maxStrokePx: intIn(0, 50, 'px').default(3),
  /** Whether stickers may be drawn. */
  sticker: z.boolean().default(true),
  /** Whether letter case and spelling perturbations may be drawn. */
  perturbations: z.boolean().default(true),
  /** `anywhere`: the block may sit anywhere (shrinking moves it toward an edge); `centre`: always centred. */
  placement: z.enum(['anywhere', 'centre']).default('anywhere'),
});

export type AttackConstraints = z.output<typeof attackConstraintsSchema>;
export type AttackConstraintsInput = z.input<typeof attackConstraintsSchema>;

/** Validates generator constraints and fills in the defaults; throws AttackError naming each bad field. */
export function parseAttackConstraints(value: AttackConstraintsInput = {}): AttackConstraints {
  const result = attackConstraintsSchema.safeParse(value);
  if (!result.success) throw new AttackError(`Invalid attack constraints: ${formatIssues(result.error)}`, 'constraints', { cause: result.error });
  return result.data;
}

/** Steps per unit: size fractions move by 0.01, opacities by 0.05. */
const SIZE_STEPS = 100;
const OPACITY_STEPS = 20;

/**
 * Whole-number steps from `lo` to `hi` on a grid of 1/steps. Drawn as an integer
 * in [0, n] that fast-check shrinks toward 0, i.e. toward `lo`.
 */
function stepArb(range: readonly [number, number], steps: number): fc.Arbitrary<number> {
  const lo = Math.ceil(range[0] * steps - 1e-9);
  const hi = Math.floor(range[1] * steps + 1e-9);
  return fc.integer({ min: 0, max: Math.max(0, hi - lo) }).map((i) => (lo + i) / steps);
}

/**
 * Distance from the edge toward the centre, in hundredths of the free space:
 * 0 (the shrink target) is flush with an edge, 50 is centred. The side is a
 * boolean that shrinks to `false`, i.e. left/top.
 */
const axisArb = fc.record({ inward: fc.integer({ min: 0, max: 50 }), farSide: fc.boolean() }).map(({ inward, farSide }) => (farSide ? 100 - inward : inward) / 100);

/**
 * An arbitrary of attack specs within `constraints`, built so that fast-check's
 * shrinker moves every field toward a weaker attack: smaller size, lower
 * opacity, toward an edge (away from the centre), one copy, no sticker, no
 * stroke, no rotation, no perturbation, the first text/font/colour listed. A
 * shrunk counterexample is therefore a minimal successful attack.
 */
export function attackSpecArb(constraints: AttackConstraintsInput = {}): fc.Arbitrary<AttackSpec> {
  const c = parseAttackConstraints(constraints);
  const colour = fc.constantFrom(...c.colours);
  const sticker = fc.option(
    fc.record({ colour: fc.constantFrom(...c.colours), padding: fc.integer({ min: 0, max: 6 }), opacity: stepArb([0.05, 1], OPACITY_STEPS) }),
    { nil: null },
  );
  const perturbation = fc.record({ kind: fc.constantFrom('none' as const, 'swap' as const, 'leet' as const, 'homoglyph' as const), count: fc.integer({ min: 1, max: 3 }) });
  return fc
    .record({
      text: fc.constantFrom(...c.texts),
      family: fc.constantFrom(...c.families),
      weight: fc.constantFrom('normal' as const, 'bold' as const),
      style: fc.constantFrom('normal' as const, 'italic' as const),
      size: stepArb(c.sizeFraction, SIZE_STEPS),
      opacity: stepArb(c.opacity, OPACITY_STEPS),
      x: c.placement === 'centre' ? fc.constant(0.5) : axisArb,
      y: c.placement === 'centre' ? fc.constant(0.5) : axisArb,
      repeat: fc.integer({ min: 1, max: c.maxRepeat }),
      sticker: c.sticker ? sticker : fc.constant(null),
      strokePx: fc.integer({ min: 0, max: c.maxStrokePx }),
      fill: colour,
      strokeColour: colour,
      rotationDeg: fc.integer({ min: -c.maxRotationDeg, max: c.maxRotationDeg }),
      letterCase: c.perturbations ? fc.constantFrom('asIs' as const, 'upper' as const, 'lower' as const, 'title' as const) : fc.constant('asIs' as const),
      perturbation: c.perturbations ? perturbation : fc.constant({ kind: 'none' as const, count: 1 }),
      wrap: fc.constantFrom('none' as const, 'words' as const),
    })
    .map((d) =>
      attackSpecSchema.parse({
        text: d.text,
        font: { family: d.family, weight: d.weight, style: d.style },
        size: { unit: 'shortSide', value: d.size, minPx: 1, fit: 'shrink' },
        fill: d.fill,
        stroke: { colour: d.strokeColour, widthPx: d.strokePx },
        opacity: d.opacity,
        placement: { kind: 'fraction', x: d.x, y: d.y },
        rotationDeg: d.rotationDeg,
        sticker: d.sticker === null ? null : { colour: d.sticker.colour, padding: d.sticker.padding / 10, opacity: d.sticker.opacity },
        repeat: d.repeat,
        letterCase: d.letterCase,
        perturbation: d.perturbation,
        wrap: { mode: d.wrap, maxLines: 2 },
      }),
    );
}

/**
 * `count` attack specs for a sweep, reproducible from `seed` (fast-check's
 * `fc.sample` with that seed). Each spec's `origin` holds the seed and the
 * fast-check path ("0", "1", ...) that replays it with {@link replayAttackSpec}.
 */
export function sampleAttackSpecs(constraints: AttackConstraintsInput, options: { seed: number; count: number }): AttackSpec[] {
  const arb = attackSpecArb(constraints);
  return fc.sample(arb, { seed: options.seed, numRuns: options.count }).map((spec, i) => ({
    ...spec,
    origin: { generator: 'attackSpecArb', seed: options.seed, path: String(i) },
  }));
}

/**
 * The spec generated at `origin` under the same constraints: a sweep sample
 * ("3") or a shrunk counterexample from a failed property ("3:1:0", as printed
 * in fast-check's failure report).
 */
export function replayAttackSpec(constraints: AttackConstraintsInput, origin: Pick<AttackOrigin, 'seed' | 'path'>): AttackSpec {
  const [spec] = fc.sample(attackSpecArb(constraints), { seed: origin.seed, path: origin.path, numRuns: 1 });
  if (spec === undefined) throw new RangeError(`No spec at seed ${origin.seed}, path '${origin.path}'`);
  return { ...spec, origin: { generator: 'attackSpecArb', seed: origin.seed, path: origin.path } };
}
