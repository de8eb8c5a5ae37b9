import { mulDiv255 } from './mulDiv255.js';

/**
 * Pillow's RGBA -> RGBa / LA -> La conversion: every colour channel times alpha / 255 with
 * MULDIV255 rounding; alpha (the last of `channels` interleaved bytes) unchanged. Returns a new array.
 */
export function premultiplyAlpha(data: Uint8Array, channels: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += channels) {
    const alpha = data[i + channels - 1]!;
    for (let c = 0; c < channels - 1; c++) out[i + c] = mulDiv255(data[i + c]!, alpha);
    out[i + channels - 1] = alpha;
  }
  return out;
}
