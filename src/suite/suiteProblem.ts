import { z } from 'zod';

/*
 * Problems found in a suite before they are placed in its text (see suiteYaml's locateProblems):
 * how resolving makes them, how zod's issues become them, and the words their messages use for
 * paths, for what is allowed and for what was found.
 */

/** A problem found in a suite, before it is placed in the source text. */
export interface SuiteProblem {
  /** Keys and list indices from the top of the suite to the offending value; empty for the whole file. */
  readonly path: readonly (string | number)[];
  /** What is wrong and what is allowed, and what was found. */
  readonly message: string;
  /** Point at the key of the last path segment rather than at its value (an unknown key). */
  readonly atKey?: boolean;
}

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

const maxShown = 60;

/** A short description of a value found in a suite, for "...; found X" in messages. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > maxShown ? `${value.slice(0, maxShown)}...` : value;
    return JSON.stringify(shown);
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects returned above; what is left is a number, boolean or other primitive
  return String(value);
}

const plainKey = /^[A-Za-z_$][\w$]*$/;

/** A path into a suite as people write it: `attacks[1].n`, `thresholds.perAttack["my id"]`; `(top level)` when empty. */
export function formatSuitePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (!plainKey.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

const typeWords: Readonly<Record<string, string>> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function sizeMessage(origin: string | undefined, bound: unknown, least: boolean, inclusive: boolean | undefined): string {
  const n = Number(bound);
  if (origin === 'array') return least ? `must have at least ${n} item${n === 1 ? '' : 's'}` : `must have at most ${n} items`;
  if (origin === 'string') return least ? `must have at least ${n} character${n === 1 ? '' : 's'}` : `must have at most ${n} characters`;
  return `must be ${least ? '>' : '<'}${inclusive === false ? '' : '='} ${n}`;
}

/**
 * Messages for the zod issues that a suite's schema leaves to the defaults (the text
 * strategy schema, nested unions): what is allowed, in words. Unknown keys get the
 * list of allowed keys. Schema-level messages take precedence over these.
 */
export const suiteErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeWords[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return Array.isArray(issue['options']) ? `must be one of ${issue['options'].map(String).join(', ')}` : undefined;
    case 'unrecognized_keys':
      return issue.inst instanceof z.ZodObject ? `allowed keys: ${Object.keys(issue.inst.shape).join(', ')}` : undefined;
    case 'too_small':
      return sizeMessage(issue.origin, issue.minimum, true, issue.inclusive);
    case 'too_big':
      return sizeMessage(issue.origin, issue.maximum, false, issue.inclusive);
    default:
      return undefined;
  }
};

function keyPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

/** The value at `path` in the suite as written; undefined when a key on the way is missing. */
function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * One {@link SuiteProblem} per zod issue, saying what was found at its path in
 * `written` (the suite as written); an unknown-keys issue becomes one problem per
 * key, placed at the key.
 */
export function problemsFromZod(error: z.ZodError, written: unknown): SuiteProblem[] {
  return error.issues.flatMap((issue): SuiteProblem[] => {
    const path = keyPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], atKey: true, message: `unknown key '${key}'; ${issue.message}` }));
    }
    const input = valueAt(written, path);
    const message = input === undefined ? `missing; ${issue.message}` : `${issue.message}; found ${describeFound(input)}`;
    return [{ path, message }];
  });
}
