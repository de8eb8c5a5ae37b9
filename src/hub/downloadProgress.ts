/** One step of a hub download, for a progress display. */
export interface DownloadProgress {
  /** `org/name`. */
  readonly modelId: string;
  /** Repo-relative path of the file being downloaded. */
  readonly file: string;
  /** `start` before the first byte (once per attempt), `data` as bytes arrive, `done` once verified and in the cache. */
  readonly phase: 'start' | 'data' | 'done';
  /** Bytes of the file on disk so far, resumed part included. */
  readonly bytes: number;
  /** The file's size in bytes. */
  readonly totalBytes: number;
  /** Bytes that were already on disk from an interrupted download when this attempt began. */
  readonly resumedFrom: number;
  /** 1-based position of the file among the `fileCount` files this call downloads. */
  readonly fileIndex: number;
  readonly fileCount: number;
}

/** Receives download progress; the CLI decides how to show it (see createProgressReporter). */
export type ProgressListener = (event: DownloadProgress) => void;
