import { idPattern } from '../schema/schemaParts.js';

/**
 * An id made from a name (a folder, a file, a repo): characters an id may not hold
 * become `-`, leading ones are dropped. Undefined when nothing usable is left.
 */
export function deriveId(name: string): string | undefined {
  const id = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return idPattern.test(id) ? id : undefined;
}
