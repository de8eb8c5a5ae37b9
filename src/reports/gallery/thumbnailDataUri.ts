import { PNG } from 'pngjs';
import { fromRgba } from '../../image/fromRgba.js';
import { pillowResize } from '../../image/pillowResize.js';
import type { RgbaImage } from '../../image/rgbaImage.js';

/**
 * A thumbnail of an RGBA image as a PNG data URI: scaled (bicubic, Pillow's) to fit a
 * `maxSidePx` square with its aspect ratio kept, never enlarged.
 * @param maxSidePx longest side of the thumbnail in pixels, >= 1
 */
export function thumbnailDataUri(image: RgbaImage, maxSidePx: number): string {
  const scale = Math.min(1, maxSidePx / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const small = pillowResize(fromRgba(image), width, height);
  const png = new PNG({ width, height });
  png.data = Buffer.from(small.data.buffer, small.data.byteOffset, small.data.byteLength);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}
