import { ImageError } from '../errors/ImageError.js';

/** Builds the one-line `ImageError` every image failure uses: what failed, on which file, why. */
export function imageError(reason: string, path?: string, cause?: unknown): ImageError {
  const where = path === undefined ? 'image' : `image '${path}'`;
  return new ImageError(`Cannot read ${where}: ${reason}`, path, cause === undefined ? undefined : { cause });
}
