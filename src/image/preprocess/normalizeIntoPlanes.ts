import { convertToRgb } from '../convert/convertToRgb.js';
import type { DecodedImage } from '../decodedImage.js';

/**
 * Writes `image` as three channel planes (CHW) into `out` at `offset`, each 8-bit level looked
 * up in `table` (3 x 256 floats, see normalizationTable). The RGB channels are Pillow's
 * convert('RGB'): RGB and RGBA images (alpha dropped) are read in place, every other mode goes
 * through convertToRgb first, whose copy costs as much again.
 */
export function normalizeIntoPlanes(image: DecodedImage, table: Float32Array, out: Float32Array, offset: number): void {
  const plane = image.width * image.height;
  const stride = image.mode === 'RGB' ? 3 : image.mode === 'RGBA' ? 4 : 3;
  const rgb = image.mode === 'RGB' || image.mode === 'RGBA' ? image.data : convertToRgb(image);
  const red = offset;
  const green = offset + plane;
  const blue = offset + 2 * plane;
  for (let i = 0, s = 0; i < plane; i++, s += stride) {
    out[red + i] = table[rgb[s]!]!;
    out[green + i] = table[256 + rgb[s + 1]!]!;
    out[blue + i] = table[512 + rgb[s + 2]!]!;
  }
}
