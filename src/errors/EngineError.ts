import { StroopError } from './StroopError.js';

/** An engine or backend that cannot run here (missing optional package, no GPU, bad inputs). */
export class EngineError extends StroopError {
  override readonly name = 'EngineError';

  constructor(
    message: string,
    /** The engine id, e.g. `tfjs`. */
    readonly engine: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
