import { ImageError, messageOf } from '../errors/errors.js';

/** Builds the one-line `ImageError` every image failure uses: what failed, on which file, why. */
export function imageError(reason: string, path?: string, cause?: unknown): ImageError {
  const where = path === undefined ? 'image' : `image '${path}'`;
  return new ImageError(`Cannot read ${where}: ${reason}`, path, cause === undefined ? undefined : { cause });
}

/** The reason text of an error thrown by a decoder (ours or a library's), on one line. */
export function reasonOf(error: unknown): string {
  const text = messageOf(error);
  return text.replace(/\s+/g, ' ').trim();
}

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
