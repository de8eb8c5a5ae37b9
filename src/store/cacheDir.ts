import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { UsageError } from '../errors/errors.js';
import { whyNotWritable } from '../util/fileSystem.js';

/** stroop's cache directory: $STROOP_CACHE_DIR, else $XDG_CACHE_HOME/stroop, else ~/.cache/stroop. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['STROOP_CACHE_DIR']) return path.resolve(env['STROOP_CACHE_DIR']);
  const base = env['XDG_CACHE_HOME'] ? env['XDG_CACHE_HOME'] : path.join(os.homedir(), '.cache');
  return path.join(base, 'stroop');
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
