import { ImageError } from '../../errors/ImageError.js';
import type { PngChunks } from './pngChunks.js';
import type { PngHeader } from './pngHeader.js';

/**
 * The 256-entry RGBA palette of a P-mode PNG: PLTE colours with tRNS alphas (255 where tRNS is
 * shorter), opaque black past the end of PLTE. A 1-bit grey image gets black and white.
 */
export function pngPalette(header: PngHeader, chunks: PngChunks): Uint8Array {
  const palette = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) palette[i * 4 + 3] = 255;
  if (header.colorType === 0) {
    palette.fill(255, 4, 8);
    return palette;
  }
  const plte = chunks.plte;
  if (plte === undefined) throw new ImageError('corrupt PNG: palette image without a PLTE chunk');
  if (plte.length % 3 !== 0 || plte.length > 768) {
    throw new ImageError(`corrupt PNG: PLTE chunk of ${plte.length} bytes (must be 3 x 1..256)`);
  }
  for (let i = 0; i < plte.length / 3; i++) {
    palette[i * 4] = plte[i * 3]!;
    palette[i * 4 + 1] = plte[i * 3 + 1]!;
    palette[i * 4 + 2] = plte[i * 3 + 2]!;
  }
  const trns = chunks.trns ?? new Uint8Array(0);
  for (let i = 0; i < Math.min(trns.length, 256); i++) palette[i * 4 + 3] = trns[i]!;
  return palette;
}
