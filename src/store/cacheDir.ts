import os from 'node:os';
import path from 'node:path';

/** stroop's cache directory: $STROOP_CACHE_DIR, else $XDG_CACHE_HOME/stroop, else ~/.cache/stroop. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['STROOP_CACHE_DIR']) return path.resolve(env['STROOP_CACHE_DIR']);
  const base = env['XDG_CACHE_HOME'] ? env['XDG_CACHE_HOME'] : path.join(os.homedir(), '.cache');
  return path.join(base, 'stroop');
}
