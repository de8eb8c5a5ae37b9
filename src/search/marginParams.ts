import type { AttackSpec } from '../attacks/spec/attackSpecSchema.js';

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
