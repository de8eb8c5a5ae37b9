import type { CanvasRenderingContext2D } from 'canvas';
import { measureLine } from './measureLine.js';

/** One line of a measured block: where to draw it relative to the block centre. */
export interface BlockLine {
  readonly text: string;
  /** Alignment point (textAlign left, alphabetic baseline) relative to the block centre, px. */
  readonly dx: number;
  readonly dy: number;
}

/** A text block measured at one font size, before rotation. */
export interface Block {
  readonly lines: readonly BlockLine[];
  /** Half width / half height of the block's box: ink + stroke + sticker padding, px. */
  readonly halfWidth: number;
  readonly halfHeight: number;
  /** Half width / half height of the ink box + stroke (without sticker padding), px. */
  readonly inkHalfWidth: number;
  readonly inkHalfHeight: number;
}

/** What measuring needs besides the lines: the CSS font string and the extra space around the ink. */
export interface BlockStyle {
  readonly font: string;
  readonly lineHeightPx: number;
  /** Stroke drawn outside the glyphs, px. */
  readonly strokePx: number;
  /** Sticker padding around the ink box, px (0 without a sticker). */
  readonly paddingPx: number;
}

/**
 * Measures lines of text with the canvas's font engine and lays them out as a
 * block: each line centred on its ink, baselines `lineHeightPx` apart, the block
 * centred on its ink box. Extents come from pango's ink rectangles, so the box
 * is tight around what is drawn.
 */
export function measureBlock(ctx: CanvasRenderingContext2D, lines: readonly string[], style: BlockStyle): Block {
  let top = Infinity;
  let bottom = -Infinity;
  let widest = 0;
  const placed = lines.map((text, i) => {
    const { left, right, ascent, descent } = measureLine(ctx, style.font, text);
    const baseline = i * style.lineHeightPx;
    if (right > left) {
      top = Math.min(top, baseline - ascent);
      bottom = Math.max(bottom, baseline + descent);
      widest = Math.max(widest, right - left);
    }
    return { text, dx: -(left + right) / 2, baseline };
  });
  if (top === Infinity) {
    top = 0;
    bottom = 0;
  }
  const centreY = (top + bottom) / 2;
  const inkHalfWidth = widest / 2 + style.strokePx;
  const inkHalfHeight = (bottom - top) / 2 + style.strokePx;
  return {
    lines: placed.map((l) => ({ text: l.text, dx: l.dx, dy: l.baseline - centreY })),
    halfWidth: inkHalfWidth + style.paddingPx,
    halfHeight: inkHalfHeight + style.paddingPx,
    inkHalfWidth,
    inkHalfHeight,
  };
}

/** Half extents of the axis-aligned box around the block rotated by `radians`. */
export function rotatedHalfExtents(block: Block, radians: number): { hx: number; hy: number } {
  const c = Math.abs(Math.cos(radians));
  const s = Math.abs(Math.sin(radians));
  return { hx: block.halfWidth * c + block.halfHeight * s, hy: block.halfWidth * s + block.halfHeight * c };
}
