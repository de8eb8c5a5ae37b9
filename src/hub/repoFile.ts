/** One file of a hub repository at a commit, as the tree API lists it. */
export interface RepoFile {
  /** Repo-relative POSIX path, e.g. `onnx/vision_model.onnx`. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** The cache's blob name: the LFS sha256 for LFS files, the git blob id otherwise. */
  readonly etag: string;
  /** The content's sha256 (hex), known for LFS files. */
  readonly sha256?: string;
  /** The git blob id (sha1 of `blob <size>\0<content>`, hex), known for files stored in git. */
  readonly gitOid?: string;
}

/** A repository's files at the commit a revision resolved to. */
export interface RepoListing {
  /** 40-hex commit id. */
  readonly commit: string;
  readonly files: readonly RepoFile[];
}
