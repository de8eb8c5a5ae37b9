import type { Rng } from '../random/createRng.js';
import type { AttackPlacement } from '../spec/attackSpecSchema.js';
import type { Anchor } from '../spec/schemaParts.js';
import { EDGE_GUARD_PX } from './fitBlock.js';
import type { Rect } from './rect.js';

const anchorFractions: Readonly<Record<Anchor, readonly [number, number]>> = {
  center: [0.5, 0.5],
  'top-left': [0, 0],
  top: [0.5, 0],
  'top-right': [1, 0],
  left: [0, 0.5],
  right: [1, 0.5],
  'bottom-left': [0, 1],
  bottom: [0.5, 1],
  'bottom-right': [1, 1],
};

function alongAxis(start: number, length: number, half: number, fraction: number): number {
  const free = length - 2 * (EDGE_GUARD_PX + half);
  return free <= 0 ? start + length / 2 : start + EDGE_GUARD_PX + half + fraction * free;
}

/**
 * Centre of one copy of the block, in output px. `hx`/`hy` are the half extents
 * of the rotated block; `halfWidth`/`halfHeight` those of the unrotated one
 * (pixel placement names the unrotated top-left corner). Fractions of the free
 * space keep the block inside `cell`; `random` draws them from `rng`.
 */
export function placeBlock(
  placement: AttackPlacement,
  cell: Rect,
  extents: { hx: number; hy: number; halfWidth: number; halfHeight: number },
  rng: Rng,
): { cx: number; cy: number } {
  let fx: number;
  let fy: number;
  switch (placement.kind) {
    case 'pixel':
      return { cx: placement.x + extents.halfWidth, cy: placement.y + extents.halfHeight };
    case 'anchor':
      [fx, fy] = anchorFractions[placement.anchor];
      break;
    case 'fraction':
      fx = placement.x;
      fy = placement.y;
      break;
    case 'random':
      fx = rng.next();
      fy = rng.next();
      break;
  }
  return { cx: alongAxis(cell.x, cell.width, extents.hx, fx), cy: alongAxis(cell.y, cell.height, extents.hy, fy) };
}
