import { PNG } from 'pngjs';
import { convertToRgb } from './convertImage.js';
import type { DecodedImage } from './decodedImage.js';
import type { RgbaImage } from './rgbaImage.js';

/**
 * The image as Pillow's `convert('RGB')` gives it, encoded as an 8-bit RGB PNG (colour type 2,
 * no alpha, no metadata): lossless, so reading the file back gives exactly these pixels.
 */
export function encodeRgbPng(image: DecodedImage): Buffer {
  const options = { colorType: 2, inputColorType: 2, inputHasAlpha: false } as const;
  const png = new PNG({ width: image.width, height: image.height, ...options });
  const rgb = convertToRgb(image);
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, options);
}

/** An 8-bit RGBA PNG of `image` (lossless: it decodes to the same bytes). */
export function encodeRgbaPng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}
