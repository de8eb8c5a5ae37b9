import fc from 'fast-check';
import { attackSpecSchema, type AttackSpec } from '../spec/attackSpecSchema.js';
import { parseAttackConstraints, type AttackConstraintsInput } from './attackConstraints.js';

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
