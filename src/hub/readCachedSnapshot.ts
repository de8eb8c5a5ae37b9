import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isCommitHash } from './isCommitHash.js';
import type { RepoCachePaths } from './repoCachePaths.js';

/** A snapshot found in the cache: its commit and the files it holds. */
export interface CachedSnapshot {
  readonly commit: string;
  /** Repo-relative POSIX paths whose link (or copy) resolves to an existing file. */
  readonly files: readonly string[];
}

async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    // stat follows the link into blobs/, so a dangling link counts as absent.
    const info = await stat(full).catch(() => undefined);
    if (info?.isDirectory()) found.push(...(await listFiles(full, relative)));
    else if (info?.isFile()) found.push(relative);
  }
  return found;
}

/**
 * Looks up a revision in the cache without the network: a commit hash names its snapshot
 * directly, a branch or tag through `refs/<revision>`.
 *
 * @returns undefined when the cache has no snapshot for the revision.
 */
export async function readCachedSnapshot(paths: RepoCachePaths, revision: string): Promise<CachedSnapshot | undefined> {
  const commit = isCommitHash(revision)
    ? revision
    : (await readFile(paths.ref(revision), 'utf8').catch(() => '')).trim();
  if (!isCommitHash(commit)) return undefined;
  const files = await listFiles(paths.snapshot(commit), '');
  return files.length === 0 ? undefined : { commit, files };
}
