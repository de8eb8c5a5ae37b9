import { PNG } from 'pngjs';
import type { RgbaImage } from '../image/rgbaImage.js';

/** An 8-bit RGBA PNG of `image` (lossless: it decodes to the same bytes). */
export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}
