import fs from 'node:fs';
import { encodeRgbaPng } from '../../image/pngCodec.js';
import type { RgbaImage } from '../../image/rgbaImage.js';

/** Writes an RGBA image as an 8-bit RGBA PNG (lossless, so the file decodes to the hashed bytes). */
export function writeRgbaPng(file: string, image: RgbaImage): void {
  fs.writeFileSync(file, encodeRgbaPng(image));
}
