import type { RgbaImage } from '../../image/rgbaImage.js';
import type { Rect } from './rect.js';

/** An attack drawn on an image. */
export interface RenderedAttack {
  readonly kind: 'rendered';
  /** The attacked image: same size as the input, taller by `grew` for the band layout. */
  readonly image: RgbaImage;
  /** Lower-case hex SHA-256 of `image.data`. */
  readonly hash: string;
  /** True when the attack changed nothing (the output bytes equal the input bytes). */
  readonly noop: boolean;
  /** Rows added above and below the image (band layout), px; 0 and 0 otherwise. */
  readonly grew: { readonly top: number; readonly bottom: number };
  /** Font size used after shrink-to-fit, whole px (0 for a no-op). */
  readonly fontSizePx: number;
  /** The lines as drawn, after letter case, perturbation and wrapping. */
  readonly lines: readonly string[];
  /**
   * Axis-aligned bounds of each drawn copy (rotated ink + stroke + sticker), in
   * output px. With `fit: shrink` and non-pixel placement they lie inside the page.
   */
  readonly boxes: readonly Rect[];
}

/** An attack that cannot be drawn on this image: data for the report, not a crash. */
export interface UnrenderableAttack {
  readonly kind: 'unrenderable';
  /** doesNotFit: too big even at `size.minPx`; missingGlyphs: the font cannot draw some characters. */
  readonly reason: 'doesNotFit' | 'missingGlyphs';
  /** One line saying what failed, on which text, and what would work. */
  readonly message: string;
  /** The characters without a glyph (missingGlyphs only). */
  readonly missingGlyphs: readonly string[];
}

export type RenderOutcome = RenderedAttack | UnrenderableAttack;
