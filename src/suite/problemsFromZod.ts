import type { z } from 'zod';
import { describeFound } from './describeFound.js';
import type { SuiteProblem } from './suiteProblem.js';

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
