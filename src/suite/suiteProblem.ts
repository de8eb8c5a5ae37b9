/** A problem found in a suite, before it is placed in the source text. */
export interface SuiteProblem {
  /** Keys and list indices from the top of the suite to the offending value; empty for the whole file. */
  readonly path: readonly (string | number)[];
  /** What is wrong and what is allowed, and what was found. */
  readonly message: string;
  /** Point at the key of the last path segment rather than at its value (an unknown key). */
  readonly atKey?: boolean;
}
