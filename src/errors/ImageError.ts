import { StroopError } from './StroopError.js';

/** An image file that cannot be read, decoded or accepted (too large, zero bytes, unknown format). */
export class ImageError extends StroopError {
  override readonly name = 'ImageError';

  constructor(
    message: string,
    /** The image file at fault, when it came from a file. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
