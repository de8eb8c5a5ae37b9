import { AttackError, ConfigError, DatasetError, EngineError, HubError, ImageError, ModelLoadError, UsageError } from '../errors/errors.js';

/** Exit codes: findings differ from breakage. */
export const ExitCode = Object.freeze({
  ok: 0,
  /** A threshold was breached (an audit finding). */
  thresholdBreached: 1,
  /** Bad arguments, configuration, model or input files. */
  usage: 2,
  /** The run itself failed (a bug or an environment fault). */
  runFailed: 3,
  /** Stopped by Ctrl-C after the current batch; re-running resumes. */
  interrupted: 130,
});

const usageErrors = [UsageError, ConfigError, ModelLoadError, ImageError, EngineError, AttackError, DatasetError];

/** The exit code for an error thrown by a command handler. */
export function exitCodeFor(error: unknown): number {
  // Hub failures split: a bad id, token or missing cache is the user's; network and disk are not.
  if (error instanceof HubError) return error.isUsageError ? ExitCode.usage : ExitCode.runFailed;
  if (usageErrors.some((type) => error instanceof type)) return ExitCode.usage;
  return ExitCode.runFailed;
}
