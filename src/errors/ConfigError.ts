import { StroopError } from './StroopError.js';

/** A configuration file (config.json, preprocessor_config.json, a suite) that is missing or invalid. */
export class ConfigError extends StroopError {
  override readonly name = 'ConfigError';

  constructor(
    message: string,
    /** The file at fault. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
