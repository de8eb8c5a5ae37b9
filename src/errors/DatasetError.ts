import { StroopError } from './StroopError.js';

/**
 * A dataset that cannot be read as given: a missing root, a malformed manifest row,
 * a manifest entry that escapes the dataset root. A sample whose image is merely
 * missing or unreadable is not a DatasetError: the runner records it as an error outcome.
 */
export class DatasetError extends StroopError {
  override readonly name = 'DatasetError';

  constructor(
    message: string,
    /** The file at fault: the manifest, the dataset root, or an image entry. */
    readonly path: string,
    /** 1-based line of the manifest where the offending record starts, when there is one. */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
