import type { CanvasRenderingContext2D } from 'canvas';

/** Ink extents of one line relative to its alignment point (textAlign left, alphabetic baseline), px. */
export interface LineMetrics {
  readonly left: number;
  readonly right: number;
  readonly ascent: number;
  readonly descent: number;
  /** Advance width, px. */
  readonly width: number;
}

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
    // canvas-spec distance to the left; test/attacks/measureLine.test.ts pins this.
    metrics = { left: m.actualBoundingBoxLeft, right: m.actualBoundingBoxRight, ascent: m.actualBoundingBoxAscent, descent: m.actualBoundingBoxDescent, width: m.width };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, metrics);
  }
  return metrics;
}
