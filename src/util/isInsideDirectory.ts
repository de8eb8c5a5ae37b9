import path from 'node:path';

/** Whether absolute path `candidate` is `dir` itself or lies below it (no file-system access). */
export function isInsideDirectory(dir: string, candidate: string): boolean {
  if (candidate === dir) return true;
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return candidate.startsWith(prefix);
}
