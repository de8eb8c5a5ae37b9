import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors/UsageError.js';
import { cacheDir } from '../store/cacheDir.js';

/** Errors that say a folder cannot be made or written as configured (permissions, a read-only mount, a file in the way), not that the run broke. */
const notWritableCodes = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR', 'ENOENT', 'ELOOP', 'ENAMETOOLONG']);

/**
 * Why `dir` cannot hold a run's files, e.g. `EROFS: read-only file system`, or undefined when it
 * can: the folder (and its parents) is created and a probe file written in it and removed.
 * Errors other than a folder being unwritable (a full disk, an I/O error) are thrown as they are.
 */
function whyNotWritable(dir: string): string | undefined {
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

/**
 * Makes sure a run or search can write its output folder before anything is computed.
 *
 * @param option the command-line option that names the folder, for the message.
 * @throws UsageError (exit 2) saying which folder cannot be written and why.
 */
export function checkOutputDir(dir: string, option = '--out'): void {
  const why = whyNotWritable(dir);
  if (why !== undefined) throw new UsageError(`Cannot write the output directory ${dir} (${why}); choose another ${option}, or make it writable.`, option);
}

/** The cache folder a run uses; `release()` removes it when it is a temporary one. */
export interface RunCache {
  /** Absolute path. */
  readonly dir: string;
  /** Whether this is a temporary folder standing in for an unwritable cache. */
  readonly temporary: boolean;
  release(): void;
}

/**
 * The cache folder for a run (see cacheDir). When it cannot be written (a read-only mount, no
 * permission), the run goes on uncached - in a temporary folder, removed by `release()` - after
 * one warning through `warn`.
 *
 * @throws UsageError when no temporary folder can be made either.
 */
export function openRunCache(warn: (line: string) => void, env: NodeJS.ProcessEnv = process.env): RunCache {
  const dir = cacheDir(env);
  const why = whyNotWritable(dir);
  if (why === undefined) return { dir, temporary: false, release: () => undefined };
  let temporary: string;
  try {
    temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-uncached-'));
  } catch (error) {
    throw new UsageError(`The cache directory ${dir} cannot be written (${why}), and no temporary folder can be made in ${os.tmpdir()} either (${(error as Error).message}); set STROOP_CACHE_DIR to a writable folder.`, 'STROOP_CACHE_DIR');
  }
  warn(`stroop: warning: the cache directory ${dir} cannot be written (${why}); running uncached (nothing is reused or kept). Set STROOP_CACHE_DIR to a writable folder to cache.\n`);
  return { dir: temporary, temporary: true, release: () => fs.rmSync(temporary, { recursive: true, force: true }) };
}
