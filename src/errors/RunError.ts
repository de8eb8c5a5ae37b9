import { StroopError } from './StroopError.js';

/** A run that cannot go on: a corrupt result log, an output directory of another run, ... (exit code 3). */
export class RunError extends StroopError {
  override readonly name = 'RunError';

  constructor(
    message: string,
    /** The file or directory at fault. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
