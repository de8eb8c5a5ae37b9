import { StroopError } from './StroopError.js';

/** A model directory or weights file that cannot be loaded as a CLIP model. */
export class ModelLoadError extends StroopError {
  override readonly name = 'ModelLoadError';

  constructor(
    message: string,
    /** The file or directory at fault. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
