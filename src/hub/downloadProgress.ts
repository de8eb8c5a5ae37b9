import type { HubEnv } from './hubSettings.js';

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

export interface ProgressReporterOptions {
  /** Where to write, normally `process.stderr`. */
  readonly stream: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Environment, for `CI`; default `process.env`. */
  readonly env?: HubEnv;
  /** Live line (TTY) or periodic plain lines; default: live on a TTY outside CI. */
  readonly interactive?: boolean;
  /** Milliseconds between plain progress lines; default 10000. */
  readonly intervalMs?: number;
  /** Clock in milliseconds, injectable for tests. */
  readonly now?: () => number;
}

const liveRefreshMs = 100;
/** Plain output gives a small file one line, not two. */
const quietBelowBytes = 1_000_000;

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function isCi(env: HubEnv): boolean {
  const ci = (env['CI'] ?? '').trim().toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * A ProgressListener that shows hub downloads on a stream: on a TTY one live line rewritten
 * in place (`\r`), elsewhere (a pipe, a log file, `CI=true`) a plain line when each file
 * starts, one every `intervalMs` while it downloads, and, for files of 1 MB or more, one when it is done.
 */
export function createProgressReporter(options: ProgressReporterOptions): ProgressListener {
  const { stream } = options;
  const interactive = options.interactive ?? (stream.isTTY === true && !isCi(options.env ?? process.env));
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  let startedAt = 0;
  let lastLine = 0;

  const rate = (e: DownloadProgress): string => {
    const seconds = (now() - startedAt) / 1000;
    return seconds > 0 ? `, ${megabytes((e.bytes - e.resumedFrom) / seconds)}/s` : '';
  };
  const percent = (e: DownloadProgress): string => `${e.totalBytes > 0 ? Math.floor((100 * e.bytes) / e.totalBytes) : 100}%`;
  const head = (e: DownloadProgress): string => `${e.modelId} [${e.fileIndex}/${e.fileCount}] ${e.file}`;

  return (event) => {
    const t = now();
    if (event.phase === 'start') {
      startedAt = t;
      lastLine = t;
    }
    if (interactive) {
      if (event.phase === 'data' && t - lastLine < liveRefreshMs) return;
      lastLine = t;
      const line = `Downloading ${head(event)} ${percent(event)} (${megabytes(event.bytes)} of ${megabytes(event.totalBytes)}${event.phase === 'done' ? '' : rate(event)})`;
      stream.write(`\r\x1b[2K${line}${event.phase === 'done' ? '\n' : ''}`);
      return;
    }
    if (event.phase === 'start') {
      const resume = event.resumedFrom > 0 ? `, resuming at ${megabytes(event.resumedFrom)}` : '';
      stream.write(`Downloading ${head(event)} (${megabytes(event.totalBytes)}${resume})\n`);
    } else if (event.phase === 'done' && event.totalBytes >= quietBelowBytes) {
      stream.write(`Downloaded ${head(event)} (${megabytes(event.totalBytes)})\n`);
    } else if (t - lastLine >= intervalMs) {
      lastLine = t;
      stream.write(`  ${event.file} ${percent(event)} (${megabytes(event.bytes)} of ${megabytes(event.totalBytes)}${rate(event)})\n`);
    }
  };
}
