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
