import { StroopError } from './StroopError.js';

/** A command-line argument or option value that is not allowed (exit code 2). */
export class UsageError extends StroopError {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The option or argument at fault, e.g. `--labels`. */
    readonly option?: string,
  ) {
    super(message);
  }
}
