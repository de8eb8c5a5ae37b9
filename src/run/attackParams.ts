import type { AttackSpec } from '../attacks/attackSpec.js';

/**
 * An attack's parameters as flat scalars, the keys of per-parameter buckets and dose-response
 * curves: what was asked for (spec) and what was drawn (the font size after shrink-to-fit).
 */
export function attackParams(spec: AttackSpec, fontSizePx: number): Record<string, number | string | boolean> {
  const { placement } = spec;
  return {
    font: spec.font.family,
    fontSizePx,
    // A size given in px has no fraction: the key is left out (a placeholder would be a dose on the curve).
    ...(spec.size.unit === 'shortSide' ? { sizeFraction: spec.size.value } : {}),
    fill: spec.fill,
    strokeWidthPx: spec.stroke.widthPx,
    opacity: spec.opacity,
    placement: placement.kind === 'anchor' ? placement.anchor : placement.kind,
    rotationDeg: spec.rotationDeg,
    sticker: spec.sticker !== null,
    repeat: spec.repeat,
    letterCase: spec.letterCase,
    perturbation: spec.perturbation.kind,
    layout: spec.layout.kind,
  };
}
