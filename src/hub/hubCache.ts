import { copyFile, mkdir, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { HubRepoType } from './hubFetch.js';
import { isCommitHash } from './modelRef.js';

/** The paths of one repository inside a Hugging Face hub cache. */
export interface RepoCachePaths {
  /** `<cache>/models--org--name` (a dataset's `<cache>/datasets--org--name`). */
  readonly root: string;
  /** Content-addressed file: `blobs/<etag>` (sha256 for LFS files, git blob id otherwise). */
  readonly blob: (etag: string) => string;
  /** The partial download of a blob, resumed by the next run: `blobs/<etag>.incomplete`. */
  readonly incomplete: (etag: string) => string;
  /** The tree of one commit, files as links into `blobs/`: `snapshots/<commit>`. */
  readonly snapshot: (commit: string) => string;
  /** The file holding the commit a branch or tag pointed at: `refs/<revision>`. */
  readonly ref: (revision: string) => string;
}

/** A snapshot found in the cache: its commit and the files it holds. */
export interface CachedSnapshot {
  readonly commit: string;
  /** Repo-relative POSIX paths whose link (or copy) resolves to an existing file. */
  readonly files: readonly string[];
}

/**
 * The cache layout huggingface_hub uses (and reads): `models--org--name/{blobs,snapshots,refs}`,
 * and `datasets--org--name/...` for a dataset repository.
 * `id` and `revision` must already be validated (parseModelRef), so they cannot escape the cache.
 */
export function repoCachePaths(cacheDir: string, id: string, repoType: HubRepoType = 'model'): RepoCachePaths {
  const root = path.join(cacheDir, `${repoType}s--${id.split('/').join('--')}`);
  return {
    root,
    blob: (etag) => path.join(root, 'blobs', etag),
    incomplete: (etag) => path.join(root, 'blobs', `${etag}.incomplete`),
    snapshot: (commit) => path.join(root, 'snapshots', commit),
    ref: (revision) => path.join(root, 'refs', ...revision.split('/')),
  };
}

/**
 * Puts `snapshots/<commit>/<file>` in place as a relative symlink to its blob, as
 * huggingface_hub does (so the cache can be moved); where symlinks are not allowed
 * (Windows without developer mode) the blob is copied instead, as huggingface_hub also does.
 * A link that already resolves to a file is left alone.
 */
export async function linkSnapshotFile(blobPath: string, linkPath: string): Promise<void> {
  if ((await stat(linkPath).catch(() => undefined))?.isFile()) return;
  await mkdir(path.dirname(linkPath), { recursive: true });
  await rm(linkPath, { force: true });
  try {
    await symlink(path.relative(path.dirname(linkPath), blobPath), linkPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EACCES' && code !== 'ENOTSUP') throw error;
    await copyFile(blobPath, linkPath);
  }
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
 * The commit a revision stands for in the cache, without the network: a commit hash is its
 * own, a branch or tag is looked up in `refs/<revision>`.
 *
 * @returns undefined when the cache has no ref for the revision.
 */
export async function readCachedCommit(paths: RepoCachePaths, revision: string): Promise<string | undefined> {
  const commit = isCommitHash(revision)
    ? revision
    : (await readFile(paths.ref(revision), 'utf8').catch(() => '')).trim();
  return isCommitHash(commit) ? commit : undefined;
}

/**
 * Looks up a revision in the cache without the network: a commit hash names its snapshot
 * directly, a branch or tag through `refs/<revision>`.
 *
 * @returns undefined when the cache has no snapshot for the revision.
 */
export async function readCachedSnapshot(paths: RepoCachePaths, revision: string): Promise<CachedSnapshot | undefined> {
  const commit = await readCachedCommit(paths, revision);
  if (commit === undefined) return undefined;
  const files = await listFiles(paths.snapshot(commit), '');
  return files.length === 0 ? undefined : { commit, files };
}
