import type { z } from 'zod';
import { formatSuitePath } from '../formatSuitePath.js';
import type { SuiteProblem } from '../suiteProblem.js';
import { problemAt, underPath, type Resolved } from './resolved.js';

/** A list of suite entries once resolved. */
export interface ResolvedList<T> {
  /** The entries that resolved, in file order. */
  readonly items: readonly T[];
  /** The id of every entry, or undefined when some entry has none (it did not parse). */
  readonly ids?: readonly string[];
  readonly problems: readonly SuiteProblem[];
}

/**
 * Resolves each entry of the list at `key` that has the right shape (the schema's
 * problems are reported by the suite schema itself), so that every entry's problems
 * are found in one pass; then checks that ids are unique.
 */
export function resolveEntryList<E, T>(
  raw: unknown,
  key: string,
  schema: z.ZodType<E>,
  resolve: (entry: E) => Resolved<T> & { readonly id?: string },
): ResolvedList<T> {
  if (!Array.isArray(raw)) return { items: [], problems: [] };
  const items: T[] = [];
  const problems: SuiteProblem[] = [];
  const ids: string[] = [];
  const firstIndex = new Map<string, number>();
  let allIds = true;
  raw.forEach((item: unknown, i) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      allIds = false;
      return;
    }
    const resolved = resolve(parsed.data);
    problems.push(...underPath([key, i], resolved.problems));
    if (resolved.value !== undefined) items.push(resolved.value);
    if (resolved.id === undefined) {
      allIds = false;
      return;
    }
    ids.push(resolved.id);
    const first = firstIndex.get(resolved.id);
    if (first === undefined) {
      firstIndex.set(resolved.id, i);
      return;
    }
    const explicit = typeof item === 'object' && item !== null && 'id' in item;
    const where = explicit ? [key, i, 'id'] : [key, i];
    const how = explicit ? '' : ' (its default id)';
    const message = `duplicate id '${resolved.id}'${how}: ${formatSuitePath([key, first])} has it too; ids must be unique within ${key}, give this entry its own id`;
    problems.push(problemAt(where, message));
  });
  return { items, ...(allIds ? { ids } : {}), problems };
}
