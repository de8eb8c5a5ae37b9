/**
 * Pixels in and out of node-canvas: pooled canvases, the bytes its premultiplied surface gives
 * back (computed without it for the rows nothing was drawn on), and a JPEG round trip.
 */
import { createCanvas, Image, ImageData, type Canvas, type CanvasRenderingContext2D } from 'canvas';
import type { RgbaImage } from '../../image/rgbaImage.js';
import { useBundledFontconfig } from '../../util/bundledFontconfig.js';
import type { Rect } from './pageLayout.js';

/** A run of whole rows of the page, `top` inclusive to `bottom` exclusive (empty when bottom <= top). */
export interface RowSpan {
  readonly top: number;
  readonly bottom: number;
}

const MAX_POOLED = 4;
const pool = new Map<string, { canvas: Canvas; ctx: CanvasRenderingContext2D }>();

function createEntry(width: number, height: number): { canvas: Canvas; ctx: CanvasRenderingContext2D } {
  useBundledFontconfig();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  // Fixed once: greyscale antialiasing, text as filled paths, no smoothing on 1:1 copies.
  ctx.antialias = 'gray';
  ctx.textDrawingMode = 'path';
  ctx.imageSmoothingEnabled = false;
  return { canvas, ctx };
}

/**
 * A canvas of the given size for `role`, reused across renders in this process
 * (creating one per image costs more than drawing on it). The context is reset
 * to the identity transform and full opacity; its pixels are left as they were,
 * so callers overwrite or clear them. Not for use across worker threads.
 */
export function borrowCanvas(role: 'page' | 'layer' | 'jpeg', width: number, height: number): CanvasRenderingContext2D {
  const key = `${role}:${width}x${height}`;
  let entry = pool.get(key);
  if (entry === undefined) {
    if (pool.size >= MAX_POOLED) pool.delete(pool.keys().next().value as string);
    entry = createEntry(width, height);
    pool.set(key, entry);
  }
  const { ctx } = entry;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  // Reading the operator is cheaper than setting it (node-canvas builds a name table per set).
  if (ctx.globalCompositeOperation !== 'source-over') ctx.globalCompositeOperation = 'source-over';
  return ctx;
}

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** The alpha byte of an RGBA pixel read as one 32-bit word, all ones (as int32). */
const ALPHA_BITS = (littleEndian ? 0xff000000 : 0xff) | 0;
/** Pixels checked together on the fast path: one AND of 8 words (written out; a loop is 2x slower) says whether all 8 are opaque. */
const BLOCK = 8;

/**
 * Rewrites bytes `start` to `end` of RGBA data, in place, into what node-canvas
 * gives back after `putImageData` then `getImageData` on its premultiplied
 * ARGB32 surface: opaque pixels are unchanged, fully transparent ones become
 * 0,0,0,0, and the rest are premultiplied and divided again in float32 with
 * truncation, as node-canvas 3 does (CanvasRenderingContext2d.cc). It lets the
 * renderer read back only the rows it drew on and still return the bytes a
 * full read-back would. `start` and `end` are multiples of 4.
 */
export function roundTripRgba(data: Uint8Array, start: number, end: number): void {
  let from = start;
  if ((data.byteOffset + start) % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset + start, (end - start) / 4);
    const blocks = words.length - (words.length % BLOCK);
    for (let w = 0; w < blocks; w += BLOCK) {
      const all =
        (words[w] as number) & (words[w + 1] as number) & (words[w + 2] as number) & (words[w + 3] as number) &
        (words[w + 4] as number) & (words[w + 5] as number) & (words[w + 6] as number) & (words[w + 7] as number);
      if ((all & ALPHA_BITS) !== ALPHA_BITS) roundTripPixels(data, start + w * 4, start + (w + BLOCK) * 4);
    }
    from = start + blocks * 4;
  }
  roundTripPixels(data, from, end);
}

function roundTripPixels(data: Uint8Array, start: number, end: number): void {
  for (let i = start + 3; i < end; i += 4) {
    const alpha = data[i] as number;
    if (alpha === 255) continue;
    if (alpha === 0) {
      data[i - 3] = 0;
      data[i - 2] = 0;
      data[i - 1] = 0;
      continue;
    }
    // float32 like the C++ (`(float)a / 255`, `(float)255 / a`): a double quotient or product of
    // these small operands rounded once to float32 equals the float32 result.
    const premultiply = Math.fround(alpha / 255);
    const unpremultiply = Math.fround(255 / alpha);
    for (let c = i - 3; c < i; c++) {
      const stored = Math.trunc(Math.fround((data[c] as number) * premultiply));
      data[c] = Math.trunc(Math.fround(stored * unpremultiply));
    }
  }
}

/**
 * Rows kept beyond the drawn boxes, px: 2 plus an eighth of the font size. The
 * boxes already hold all ink (render properties test; no pixel outside them in
 * thousands of random specs), so this is headroom for font-metric rounding, not
 * a measured need.
 */
export function rowMarginPx(sizePx: number): number {
  return 2 + Math.ceil(sizePx / 8);
}

/**
 * The rows of a page `height` px tall that drawing inside `boxes` (sticker,
 * stroke and ink of every copy, in page px) can change, widened by `margin`
 * rows each side and clipped to the page. Empty for no boxes; the whole page
 * when a box is not finite.
 */
export function drawnRows(boxes: readonly Rect[], margin: number, height: number): RowSpan {
  let top = Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    top = Math.min(top, box.y);
    bottom = Math.max(bottom, box.y + box.height);
  }
  if (top === Infinity) return { top: 0, bottom: 0 };
  if (!Number.isFinite(top) || !Number.isFinite(bottom)) return { top: 0, bottom: height };
  const from = Math.max(0, Math.floor(top) - margin);
  const to = Math.min(height, Math.ceil(bottom) + margin);
  return to > from ? { top: from, bottom: to } : { top: 0, bottom: 0 };
}

/**
 * The RGBA bytes of an overlay page (the page is the input image) on which only
 * `rows` were put and drawn: those rows read back from the canvas, every other
 * row taken from the input as the canvas would have given it back. Equal, byte
 * for byte, to reading the whole page after putting the whole image, at a
 * fraction of the cost when the text covers a band of the image.
 */
export function readBackRows(ctx: CanvasRenderingContext2D, image: RgbaImage, rows: RowSpan): Uint8Array {
  const rowBytes = image.width * 4;
  const out = new Uint8Array(image.data);
  if (rows.bottom <= rows.top) {
    roundTripRgba(out, 0, out.length);
    return out;
  }
  roundTripRgba(out, 0, rows.top * rowBytes);
  roundTripRgba(out, rows.bottom * rowBytes, out.length);
  out.set(ctx.getImageData(0, rows.top, image.width, rows.bottom - rows.top).data, rows.top * rowBytes);
  return out;
}

/**
 * Encodes the image as baseline JPEG at `quality` (1-100, 4:2:0 chroma, as
 * Pillow's defaults) and decodes it again, as research pipelines that save
 * attacked images as .jpg do. Uses node-canvas's libjpeg (its version is in
 * rendererVersions()); the pure-JS jpeg-js took ~60 ms per 224 px image.
 * Alpha becomes 255.
 */
export function resaveJpeg(image: RgbaImage, quality: number): RgbaImage {
  const { width, height } = image;
  const ctx = borrowCanvas('jpeg', width, height);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
  const encoded = ctx.canvas.toBuffer('image/jpeg', { quality: quality / 100, chromaSubsampling: true });
  const decoded = new Image();
  decoded.src = encoded;
  ctx.drawImage(decoded, 0, 0);
  const out = ctx.getImageData(0, 0, width, height).data;
  return { width, height, data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
}
