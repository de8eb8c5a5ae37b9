import { ImageError } from '../errors/ImageError.js';

/** Throws when width * height exceeds `maxPixels` (the decompression-bomb guard). */
export function checkPixelLimit(width: number, height: number, maxPixels: number): void {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new ImageError(
      `${width}x${height} = ${pixels} pixels is above the limit of ${maxPixels} pixels (maxPixels); ` +
        'refused before decoding',
    );
  }
}
