import { ImageData, type CanvasRenderingContext2D } from 'canvas';
import type { RgbaImage } from '../../image/rgbaImage.js';
import { createRng } from '../random/createRng.js';
import type { AttackSpec } from '../spec/attackSpecSchema.js';
import { borrowCanvas } from './canvasPool.js';
import { drawSticker, drawText } from './drawBlock.js';
import type { FittedBlock } from './fitBlock.js';
import { rotatedHalfExtents } from './measureBlock.js';
import type { PageLayout } from './pageLayout.js';
import { placeBlock } from './placeBlock.js';
import type { Rect } from './rect.js';

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

function withCopyTransform(ctx: CanvasRenderingContext2D, copy: Copy, radians: number, draw: () => void): void {
  ctx.save();
  ctx.translate(copy.cx, copy.cy);
  ctx.rotate(radians);
  draw();
  ctx.restore();
}

/**
 * Paints the page: bands, the input image, each copy's sticker, then the text of
 * every copy at the spec's opacity. Text with both a stroke and opacity < 1 is
 * drawn opaque on a scratch layer and composited once, so the fill does not show
 * the stroke through it. Returns the page's RGBA bytes and each copy's bounds.
 */
export function paintPage(ctx: CanvasRenderingContext2D, image: RgbaImage, plan: PagePlan): { image: RgbaImage; boxes: Rect[] } {
  const { page, cells, spec, fitted, font, seed } = plan;
  if (page.bandColour !== undefined) {
    ctx.fillStyle = page.bandColour;
    for (const band of page.bands) ctx.fillRect(band.x, band.y, band.width, band.height);
  }
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  ctx.putImageData(new ImageData(pixels, image.width, image.height), 0, page.imageTop);

  const { block, sizePx } = fitted;
  const radians = (spec.rotationDeg * Math.PI) / 180;
  const { hx, hy } = rotatedHalfExtents(block, radians);
  const extents = { hx, hy, halfWidth: block.halfWidth, halfHeight: block.halfHeight };
  const copies = cells.map((cell, i) => placeBlock(spec.placement, cell, extents, createRng(seed, `placement/${i}`)));

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
  const out = ctx.getImageData(0, 0, page.width, page.height).data;
  return {
    image: { width: page.width, height: page.height, data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) },
    boxes: copies.map((c) => ({ x: c.cx - hx, y: c.cy - hy, width: 2 * hx, height: 2 * hy })),
  };
}
