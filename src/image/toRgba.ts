import type { RgbaImage } from './rgbaImage.js';
import { convertToRgb } from './convert/convertToRgb.js';
import type { DecodedImage } from './decodedImage.js';

/**
 * The image as straight (not premultiplied) 8-bit RGBA, for the attack renderer: colours as
 * `convert('RGB')` gives them, alpha from LA/RGBA, from the palette for P (tRNS / GIF
 * transparent index), 255 otherwise. Always a new buffer.
 */
export function toRgba(image: DecodedImage): RgbaImage {
  const { width, height } = image;
  const pixels = width * height;
  if (image.mode === 'RGBA') return { width, height, data: image.data.slice() };
  const rgb = convertToRgb(image);
  const data = new Uint8Array(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    data[i * 4] = rgb[i * 3]!;
    data[i * 4 + 1] = rgb[i * 3 + 1]!;
    data[i * 4 + 2] = rgb[i * 3 + 2]!;
    let alpha = 255;
    if (image.mode === 'LA') alpha = image.data[i * 2 + 1]!;
    else if (image.mode === 'P' && image.palette) alpha = image.palette[image.data[i]! * 4 + 3]!;
    data[i * 4 + 3] = alpha;
  }
  return { width, height, data };
}
