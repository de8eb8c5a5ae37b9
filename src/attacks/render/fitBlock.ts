/**
 * The text block: lines measured with the canvas's font engine (pango), laid out as a block,
 * and shrunk to the font size at which the block fits its cell.
 */
import type { CanvasRenderingContext2D } from 'canvas';
import type { AttackSpec } from '../attackSpec.js';
import { balanceWords, wrapToWidth } from '../attackText.js';

/** Ink extents of one line relative to its alignment point (textAlign left, alphabetic baseline), px. */
export interface LineMetrics {
  readonly left: number;
  readonly right: number;
  readonly ascent: number;
  readonly descent: number;
  /** Advance width, px. */
  readonly width: number;
}

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

/** The block at the size that fits. */
export interface FittedBlock {
  /** Font size used, whole px. */
  readonly sizePx: number;
  readonly block: Block;
}

/** Pixels kept free between a fitted block and its region's edge, so antialiasing never touches it. */
export const EDGE_GUARD_PX = 1;

const MAX_CACHED = 20_000;
const cache = new Map<string, LineMetrics>();

/**
 * Measures a line in a CSS font, memoised per process: a sweep measures the
 * same class names at the same sizes over and over, and pango layout is the
 * costly part of measuring. Call with an untransformed context.
 */
export function measureLine(ctx: CanvasRenderingContext2D, font: string, text: string): LineMetrics {
  const key = `${font}\u0000${text}`;
  let metrics = cache.get(key);
  if (metrics === undefined) {
    ctx.font = font;
    const m = ctx.measureText(text);
    // node-canvas 3.x returns the ink's left x here (positive = right of the origin), not the
    // canvas-spec distance to the left; test/attacks/render/fitBlock.test.ts pins this.
    metrics = { left: m.actualBoundingBoxLeft, right: m.actualBoundingBoxRight, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent, width: m.width };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, metrics);
  }
  return metrics;
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

/** The CSS font string node-canvas parses. */
export function cssFont(spec: AttackSpec, family: string, sizePx: number): string {
  const style = spec.font.style === 'italic' ? 'italic ' : '';
  const weight = spec.font.weight === 'bold' ? 'bold ' : '';
  return `${style}${weight}${sizePx}px "${family}"`;
}

/** The starting font size in whole px for an image whose shorter side is `shortSide` px. */
export function startSizePx(spec: AttackSpec, shortSide: number): number {
  return spec.size.unit === 'px' ? spec.size.value : Math.max(1, Math.round(spec.size.value * shortSide));
}

function linesAt(ctx: CanvasRenderingContext2D, text: string, spec: AttackSpec, font: string, maxWidth: number): string[] {
  const paragraphs = text.split('\n');
  if (spec.wrap.mode === 'none') return paragraphs;
  if (spec.wrap.mode === 'words') {
    const only = paragraphs.length === 1 ? (paragraphs[0] as string) : undefined;
    return only === undefined ? paragraphs : balanceWords(only.split(/\s+/).filter((w) => w !== ''), spec.wrap.maxLines);
  }
  return paragraphs.flatMap((p) => wrapToWidth(p, maxWidth, (line) => measureLine(ctx, font, line).width));
}

/**
 * Finds the font size for the block: with `fit: shrink`, the largest size from
 * the starting size down to `minPx`, 1 px at a time, at which the (rotated)
 * block fits inside `cell` with {@link EDGE_GUARD_PX} to spare (and, for width
 * wrapping, takes at most `maxLines` lines); undefined when none does. With
 * `fit: none`, the starting size whatever its extent.
 */
export function fitBlock(ctx: CanvasRenderingContext2D, text: string, spec: AttackSpec, family: string, cell: { width: number; height: number }, shortSide: number): FittedBlock | undefined {
  const start = startSizePx(spec, shortSide);
  const lowest = spec.size.fit === 'none' ? start : Math.min(start, spec.size.minPx);
  const radians = (spec.rotationDeg * Math.PI) / 180;
  for (let sizePx = start; sizePx >= lowest; sizePx--) {
    const font = cssFont(spec, family, sizePx);
    const paddingPx = spec.sticker === null ? 0 : spec.sticker.padding * sizePx;
    const spare = 2 * (EDGE_GUARD_PX + spec.stroke.widthPx + paddingPx);
    const lines = linesAt(ctx, text, spec, font, cell.width - spare);
    const block = measureBlock(ctx, lines, { font, lineHeightPx: spec.lineHeight * sizePx, strokePx: spec.stroke.widthPx, paddingPx });
    if (spec.size.fit === 'none') return { sizePx, block };
    const { hx, hy } = rotatedHalfExtents(block, radians);
    const tooManyLines = spec.wrap.mode === 'width' && lines.length > spec.wrap.maxLines;
    if (!tooManyLines && 2 * (hx + EDGE_GUARD_PX) <= cell.width && 2 * (hy + EDGE_GUARD_PX) <= cell.height) return { sizePx, block };
  }
  return undefined;
}
