import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../image/rgbaImage.js';

/** Writes an RGBA image as an 8-bit RGBA PNG (lossless, so the file decodes to the hashed bytes). */
export function writeRgbaPng(file: string, image: RgbaImage): void {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  fs.writeFileSync(file, PNG.sync.write(png));
}
