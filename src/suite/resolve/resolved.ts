import type { SuiteProblem } from '../suiteProblem.js';

/** What resolving one part of a suite gave: its value when it resolved, and the problems found. */
export interface Resolved<T> {
  readonly value?: T;
  readonly problems: readonly SuiteProblem[];
}

/** A problem at `path` (relative to the part being resolved). */
export function problemAt(path: readonly (string | number)[], message: string): SuiteProblem {
  return { path, message };
}

/** The problems of a part, placed under `prefix` (its path in the suite). */
export function underPath(prefix: readonly (string | number)[], problems: readonly SuiteProblem[]): SuiteProblem[] {
  return problems.map((p) => ({ ...p, path: [...prefix, ...p.path] }));
}
