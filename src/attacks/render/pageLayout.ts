/**
 * Where things go on the output page: the page itself (the image, and any bands added above or
 * below it), the cells the text regions are cut into, and each copy of the block within its cell.
 */
import type { AttackLayout, AttackPlacement } from '../attackSpec.js';
import type { Rng } from '../createRng.js';
import type { Anchor } from '../schemaParts.js';
import { EDGE_GUARD_PX } from './fitBlock.js';

/** An axis-aligned rectangle in pixels of the output image (fractional values allowed). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The output page: its size, where the input image goes, and where text may go. */
export interface PageLayout {
  readonly width: number;
  readonly height: number;
  /** Row of the output where the input image's first row lands. */
  readonly imageTop: number;
  /** Rows added above and below the image (band layout); 0 for overlay. */
  readonly grew: { readonly top: number; readonly bottom: number };
  /** Band regions to fill with `bandColour` (empty for overlay). */
  readonly bands: readonly Rect[];
  readonly bandColour: string | undefined;
  /** Regions the text is written in: the image (overlay) or the chosen band(s). */
  readonly textRegions: readonly Rect[];
}

/** Lays out the output page for an image of `width` x `height` px. */
export function pageLayout(width: number, height: number, layout: AttackLayout): PageLayout {
  if (layout.kind === 'overlay') {
    const whole = { x: 0, y: 0, width, height };
    return { width, height, imageTop: 0, grew: { top: 0, bottom: 0 }, bands: [], bandColour: undefined, textRegions: [whole] };
  }
  const top = Math.round(layout.above * height);
  const bottom = Math.round(layout.below * height);
  const above = { x: 0, y: 0, width, height: top };
  const below = { x: 0, y: top + height, width, height: bottom };
  const textRegions = layout.textIn === 'above' ? [above] : layout.textIn === 'below' ? [below] : [above, below];
  return {
    width,
    height: height + top + bottom,
    imageTop: top,
    grew: { top, bottom },
    bands: [above, below].filter((b) => b.height > 0),
    bandColour: layout.colour,
    textRegions,
  };
}

/** `rect` shrunk by `inset` px on every side (never below zero size). */
export function insetRect(rect: Rect, inset: number): Rect {
  const dx = Math.min(inset, rect.width / 2);
  const dy = Math.min(inset, rect.height / 2);
  return { x: rect.x + dx, y: rect.y + dy, width: rect.width - 2 * dx, height: rect.height - 2 * dy };
}

/** `region` cut into `count` equal cells of a near-square grid (columns = ceil(sqrt(count))), row by row. */
export function gridCells(region: Rect, count: number): Rect[] {
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const width = region.width / columns;
  const height = region.height / rows;
  return Array.from({ length: count }, (_v, i) => ({
    x: region.x + (i % columns) * width,
    y: region.y + Math.floor(i / columns) * height,
    width,
    height,
  }));
}

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
