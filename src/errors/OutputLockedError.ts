import { UsageError } from './UsageError.js';

/**
 * An output directory another stroop process is writing into (its lock file names a live process).
 * A UsageError on `--out`, so the CLI exits with code 2: choose another directory or wait.
 */
export class OutputLockedError extends UsageError {
  // `name` stays 'UsageError' (UsageError declares it as that literal); use `instanceof OutputLockedError`.

  constructor(
    message: string,
    /** The lock file, `<out>/.stroop.lock`. */
    readonly lockFile: string,
    /** The holder's process id, when the lock file could be read. */
    readonly holderPid: number | undefined,
    /** When the holder took the lock (ISO 8601), when the lock file could be read. */
    readonly holderSince: string | undefined,
  ) {
    super(message, '--out');
  }
}
