import { formatShape } from './formatShape.js';

/** How many missing names a message lists before "and N more". */
const listed = 5;

/** `3 tensors are missing from F: a [64], b [64, 64], c [] and 0 more` as one line. */
export function describeMissingTensors(missing: ReadonlyArray<readonly [string, readonly number[]]>, file: string): string {
  const shown = missing.slice(0, listed).map(([name, shape]) => `'${name}' (expected shape ${formatShape(shape)})`);
  const more = missing.length > listed ? ` and ${missing.length - listed} more` : '';
  const count = missing.length === 1 ? '1 tensor is' : `${missing.length} tensors are`;
  return `${count} missing from ${file}: ${shown.join(', ')}${more}`;
}
