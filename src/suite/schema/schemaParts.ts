import { z } from 'zod';

/**
 * Building blocks of the suite schema whose messages say what is allowed. What was
 * found is added to every message by `problemsFromZod`, so these never repeat it.
 */

/** A whole number in [min, max]. */
export function wholeNumberIn(min: number, max: number) {
  const error = `must be a whole number in [${min}, ${max}]`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A number in [0, 1] (a rate or an accuracy). */
export function fraction() {
  const error = 'must be a number in [0, 1]';
  return z.number({ error }).min(0, { error }).max(1, { error });
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/** Ids of models, datasets and attacks: they name rows of the reports and may name files. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An explicit id. */
export const idSchema = z
  .string({ error: 'must be a string' })
  .max(100, { error: 'must be at most 100 characters' })
  .regex(idPattern, { error: 'must be letters, digits, ".", "_" or "-", starting with a letter or digit' })
  .describe('Names this entry in reports; letters, digits, ".", "_", "-". Unique within its list.');

/** A non-empty string (a path, a name). */
export function nonEmptyString(what: string) {
  return z.string({ error: `must be ${what}` }).min(1, { error: `must be ${what}, not empty` });
}

/** What is said of a path that holds a NUL character, which no file system allows in a name. */
export const nulPathMessage = 'must not contain a NUL character (\\0): no file or folder can have one in its name';

/** Whether a value written as a path (or any non-string) is free of NUL characters. */
export function hasNoNul(value: unknown): boolean {
  return typeof value !== 'string' || !value.includes('\0');
}

/** A non-empty path to a file or folder: NUL is refused here, before anything asks the file system about it. */
export function pathString(what: string) {
  return nonEmptyString(what).refine(hasNoNul, { error: nulPathMessage });
}
