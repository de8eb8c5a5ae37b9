import path from 'node:path';
import fs from 'node:fs';

/** Whether absolute path `candidate` is `dir` itself or lies below it (no file-system access). */
export function isInsideDirectory(dir: string, candidate: string): boolean {
  if (candidate === dir) return true;
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return candidate.startsWith(prefix);
}

/** Errors that say a folder cannot be made or written as configured (permissions, a read-only mount, a file in the way), not that the run broke. */
const notWritableCodes = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR', 'ENOENT', 'ELOOP', 'ENAMETOOLONG']);

/**
 * Why `dir` cannot hold a run's files, e.g. `EROFS: read-only file system`, or undefined when it
 * can: the folder (and its parents) is created and a probe file written in it and removed.
 * Errors other than a folder being unwritable (a full disk, an I/O error) are thrown as they are.
 */
export function whyNotWritable(dir: string): string | undefined {
  const probe = path.join(dir, `.stroop-write-probe-${process.pid}-${Date.now()}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.closeSync(fs.openSync(probe, 'wx'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !notWritableCodes.has(code)) throw error;
    // "EACCES: permission denied, mkdir '/x'" -> "EACCES: permission denied" (the message names the folder itself).
    return code === 'EEXIST' ? 'EEXIST: a file is in the way' : ((error as Error).message.split(',')[0] ?? code);
  }
  fs.rmSync(probe, { force: true });
  return undefined;
}
