import { ImageData, type CanvasRenderingContext2D } from 'canvas';
import type { RgbaImage } from '../../image/rgbaImage.js';
import type { AttackSpec } from '../attackSpec.js';
import { createRng } from '../createRng.js';
import { borrowCanvas, drawnRows, readBackRows, rowMarginPx } from './canvasPixels.js';
import { rotatedHalfExtents, type Block, type FittedBlock } from './fitBlock.js';
import { placeBlock, type PageLayout, type Rect } from './pageLayout.js';

/** Everything decided before painting: the page, the cells to fill, the fitted block and its CSS font. */
export interface PagePlan {
  readonly page: PageLayout;
  /** One cell per copy of the block (repeat x text regions). */
  readonly cells: readonly Rect[];
  readonly spec: AttackSpec;
  readonly fitted: FittedBlock;
  readonly font: string;
  /** Render seed, for random placement. */
  readonly seed: number;
}

interface Copy {
  readonly cx: number;
  readonly cy: number;
}

function roundedRectPath(ctx: CanvasRenderingContext2D, halfWidth: number, halfHeight: number, radius: number): void {
  const r = Math.max(0, Math.min(radius, halfWidth, halfHeight));
  const [l, t, rt, b] = [-halfWidth, -halfHeight, halfWidth, halfHeight];
  ctx.beginPath();
  ctx.moveTo(l + r, t);
  ctx.arcTo(rt, t, rt, b, r);
  ctx.arcTo(rt, b, l, b, r);
  ctx.arcTo(l, b, l, t, r);
  ctx.arcTo(l, t, rt, t, r);
  ctx.closePath();
}

/** Draws the sticker box of one copy centred at the current origin (already translated and rotated). */
export function drawSticker(ctx: CanvasRenderingContext2D, spec: AttackSpec, block: Block, sizePx: number): void {
  if (spec.sticker === null || spec.sticker.opacity === 0) return;
  ctx.globalAlpha = spec.sticker.opacity;
  ctx.fillStyle = spec.sticker.colour;
  roundedRectPath(ctx, block.halfWidth, block.halfHeight, spec.sticker.cornerRadius * sizePx);
  ctx.fill();
}

/**
 * Draws the text of one copy, fully opaque, centred at the current origin: the
 * stroke first (twice the width, so `widthPx` shows outside the glyphs as in
 * Pillow), then the fill on top. The caller applies the text opacity.
 */
export function drawText(ctx: CanvasRenderingContext2D, spec: AttackSpec, block: Block, font: string): void {
  ctx.font = font;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  if (spec.stroke.widthPx > 0) {
    ctx.lineWidth = 2 * spec.stroke.widthPx;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = spec.stroke.colour;
    for (const line of block.lines) ctx.strokeText(line.text, line.dx, line.dy);
  }
  ctx.fillStyle = spec.fill;
  for (const line of block.lines) ctx.fillText(line.text, line.dx, line.dy);
}

function withCopyTransform(ctx: CanvasRenderingContext2D, copy: Copy, radians: number, draw: () => void): void {
  ctx.save();
  ctx.translate(copy.cx, copy.cy);
  ctx.rotate(radians);
  draw();
  ctx.restore();
}

/** Where each copy's centre goes, in page px. */
function placeCopies(plan: PagePlan, extents: { hx: number; hy: number; halfWidth: number; halfHeight: number }): Copy[] {
  return plan.cells.map((cell, i) => placeBlock(plan.spec.placement, cell, extents, createRng(plan.seed, `placement/${i}`)));
}

/**
 * Paints the page: bands, the input image, each copy's sticker, then the text of
 * every copy at the spec's opacity. Text with both a stroke and opacity < 1 is
 * drawn opaque on a scratch layer and composited once, so the fill does not show
 * the stroke through it. Returns the page's RGBA bytes and each copy's bounds.
 *
 * On an overlay page only the rows the copies can touch go through the canvas
 * (see drawnRows and readBackRows); the bytes are those of a whole-page pass.
 */
export function paintPage(ctx: CanvasRenderingContext2D, image: RgbaImage, plan: PagePlan): { image: RgbaImage; boxes: Rect[] } {
  const { page, spec, fitted, font } = plan;
  const { block, sizePx } = fitted;
  const radians = (spec.rotationDeg * Math.PI) / 180;
  const { hx, hy } = rotatedHalfExtents(block, radians);
  const copies = placeCopies(plan, { hx, hy, halfWidth: block.halfWidth, halfHeight: block.halfHeight });
  const boxes = copies.map((c) => ({ x: c.cx - hx, y: c.cy - hy, width: 2 * hx, height: 2 * hy }));
  const overlay = page.bands.length === 0 && page.imageTop === 0 && page.height === image.height;
  const rows = overlay ? drawnRows(boxes, rowMarginPx(sizePx), page.height) : { top: 0, bottom: page.height };

  if (page.bandColour !== undefined) {
    ctx.fillStyle = page.bandColour;
    for (const band of page.bands) ctx.fillRect(band.x, band.y, band.width, band.height);
  }
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const imageData = new ImageData(pixels, image.width, image.height);
  if (!overlay) ctx.putImageData(imageData, 0, page.imageTop);
  else if (rows.bottom > rows.top) ctx.putImageData(imageData, 0, 0, 0, rows.top, image.width, rows.bottom - rows.top);

  for (const copy of copies) withCopyTransform(ctx, copy, radians, () => drawSticker(ctx, spec, block, sizePx));
  if (spec.opacity > 0) {
    const layered = spec.opacity < 1 && spec.stroke.widthPx > 0;
    const target = layered ? borrowCanvas('layer', page.width, page.height) : ctx;
    if (layered) target.clearRect(0, 0, page.width, page.height);
    target.globalAlpha = layered ? 1 : spec.opacity;
    for (const copy of copies) withCopyTransform(target, copy, radians, () => drawText(target, spec, block, font));
    if (layered) {
      ctx.globalAlpha = spec.opacity;
      ctx.drawImage(target.canvas, 0, 0);
    }
  }
  return { image: { width: page.width, height: page.height, data: overlay ? readBackRows(ctx, image, rows) : readWholePage(ctx, page) }, boxes };
}

function readWholePage(ctx: CanvasRenderingContext2D, page: PageLayout): Uint8Array {
  const out = ctx.getImageData(0, 0, page.width, page.height).data;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
