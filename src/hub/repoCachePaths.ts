import path from 'node:path';

/** The paths of one model repository inside a Hugging Face hub cache. */
export interface RepoCachePaths {
  /** `<cache>/models--org--name`. */
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

/**
 * The cache layout huggingface_hub uses (and reads): `models--org--name/{blobs,snapshots,refs}`.
 * `id` and `revision` must already be validated (parseModelRef), so they cannot escape the cache.
 */
export function repoCachePaths(cacheDir: string, id: string): RepoCachePaths {
  const root = path.join(cacheDir, `models--${id.split('/').join('--')}`);
  return {
    root,
    blob: (etag) => path.join(root, 'blobs', etag),
    incomplete: (etag) => path.join(root, 'blobs', `${etag}.incomplete`),
    snapshot: (commit) => path.join(root, 'snapshots', commit),
    ref: (revision) => path.join(root, 'refs', ...revision.split('/')),
  };
}
