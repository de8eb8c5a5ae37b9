import { ConfigError } from './ConfigError.js';

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
