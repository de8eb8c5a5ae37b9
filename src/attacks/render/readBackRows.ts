import type { CanvasRenderingContext2D } from 'canvas';
import type { RgbaImage } from '../../image/rgbaImage.js';
import type { RowSpan } from './drawnRows.js';
import { roundTripRgba } from './roundTripRgba.js';

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
