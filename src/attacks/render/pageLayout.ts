import type { AttackLayout } from '../spec/attackSpecSchema.js';
import type { Rect } from './rect.js';

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
