/**
 * stroop's error hierarchy, root first and every subclass after its parent. The CLI entry
 * (cli/exitCodes.ts) maps UsageError, ConfigError, ModelLoadError, ImageError, EngineError,
 * AttackError and DatasetError to exit code 2, HubError by its kind, and the rest to 3.
 */

/**
 * Root of stroop's error hierarchy. Every error a user can cause is a subclass
 * with typed context; the CLI entry maps the subclass to an exit code.
 */
export class StroopError extends Error {
  override readonly name: string = 'StroopError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

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

/** One problem in a suite file, located in its source text. */
export interface SuiteIssue {
  /** Where in the suite the problem is, e.g. `attacks[1].n`; `(top level)` for the whole file. */
  readonly path: string;
  /** What is wrong and what is allowed, e.g. `must be a whole number in [1, 10000]; found 0`. */
  readonly message: string;
  /** 1-based line in the suite file. */
  readonly line: number;
  /** 1-based column in the suite file. */
  readonly column: number;
}

/**
 * A suite file that cannot be used: YAML syntax errors, values the schema refuses,
 * references that do not resolve (unknown presets, missing folders, duplicate ids).
 * Every problem found is in `issues`; the message has one `file:line:column: path: problem`
 * line per issue. A ConfigError, so the CLI exits with code 2.
 */
export class SuiteError extends ConfigError {
  // `name` stays 'ConfigError' (ConfigError declares it as that literal); use `instanceof SuiteError`.

  /** Line of the first issue (1-based). */
  readonly line: number;
  /** Column of the first issue (1-based). */
  readonly column: number;

  constructor(
    /** The suite file, as given. */
    path: string,
    /** The problems, in source order; at least one. */
    readonly issues: readonly SuiteIssue[],
  ) {
    super(issues.map((issue) => `${path}:${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`).join('\n'), path);
    this.line = issues[0]?.line ?? 1;
    this.column = issues[0]?.column ?? 1;
  }
}

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

/**
 * An attack that cannot be built or rendered: an unknown preset or font, an
 * invalid spec or preset file, an image the renderer refuses, a text-choice
 * strategy with nothing to choose from.
 */
export class AttackError extends StroopError {
  override readonly name = 'AttackError';

  constructor(
    message: string,
    /** The preset name, spec file or font family at fault, when there is one. */
    readonly attack?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

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

/**
 * What went wrong while resolving a hub model. The first group is the user's to fix
 * (id, revision, token, offline cache, engine files); the second is the environment's
 * (network, hub, disk), where running the same command again may succeed.
 */
export type HubErrorKind =
  | 'notFound'
  | 'revisionNotFound'
  | 'unauthorized'
  | 'forbidden'
  | 'offlineMissing'
  | 'missingFiles'
  | 'network'
  | 'interrupted'
  | 'server'
  | 'diskFull'
  | 'cacheWrite'
  | 'integrity';

const userKinds: ReadonlySet<HubErrorKind> = new Set([
  'notFound',
  'revisionNotFound',
  'unauthorized',
  'forbidden',
  'offlineMissing',
  'missingFiles',
]);

/** A hub model that cannot be found, authorised, downloaded or read from the cache. */
export class HubError extends StroopError {
  override readonly name = 'HubError';

  constructor(
    message: string,
    readonly kind: HubErrorKind,
    /** The hub id, `org/name`. */
    readonly modelId: string,
    /** The cache folder or file involved, when there is one. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when the user must change something (exit code 2); false for network, hub or disk faults (exit code 3). */
  get isUsageError(): boolean {
    return userKinds.has(this.kind);
  }
}

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

/**
 * Why a set of outcomes cannot be summarised:
 * - `cleanDisagreement`: two rows of one (model, sample) carry different clean predictions
 *   (the clean image is classified once per model, so every row must repeat the same top-k);
 * - `duplicateOutcome`: two rows share one (model, attackId, sampleId, variant) key, which would count a
 *   sample twice (the result-log reader resolves retries before metrics see the rows).
 *
 * Both mean the result log is inconsistent: the run itself failed (exit code 3), not the user's input.
 */
export type MetricsErrorKind = 'cleanDisagreement' | 'duplicateOutcome';

/** Outcomes that contradict each other, so no metric computed from them would be trustworthy. */
export class MetricsError extends StroopError {
  override readonly name = 'MetricsError';

  constructor(
    message: string,
    readonly kind: MetricsErrorKind,
    /** Model id of the rows at fault. */
    readonly model: string,
    /** Sample id of the rows at fault. */
    readonly sampleId: string,
    /** Attack id of the rows at fault (for `duplicateOutcome`; the second row's for `cleanDisagreement`). */
    readonly attackId: string,
  ) {
    super(message);
  }
}

/** The message of anything thrown: an Error's `message`, anything else as a string. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
