import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat, statfs } from 'node:fs/promises';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { DownloadProgress } from './downloadProgress.js';
import { HubError } from '../errors/errors.js';
import { networkFailure, repoNoun, type HubRepoType, type HubRequestContext, type RepoFile } from './hubFetch.js';

/** One file to bring into the cache's blobs/ folder. */
export interface BlobDownload {
  /** `{endpoint}/{id}/resolve/{commit}/{path}` (a dataset's under `{endpoint}/datasets/`), see resolveFileUrl. */
  readonly url: string;
  readonly file: RepoFile;
  readonly blobPath: string;
  readonly partialPath: string;
  /** A hubFetch wrapper (token, errors). */
  readonly fetch: typeof fetch;
  readonly io: CacheIo;
  /** How many times a dropped connection is resumed within this call before giving up. */
  readonly retries: number;
  readonly ctx: HubRequestContext;
  readonly report: (phase: DownloadProgress['phase'], bytes: number, resumedFrom: number) => void;
}

/** The file-system operations a download depends on, injectable so tests can simulate a full disk. */
export interface CacheIo {
  /** Opens the partial file for writing: `w` to start over, `a` to resume. */
  readonly createWriteStream: (path: string, flags: 'w' | 'a') => Writable;
  /** Bytes free for this user on the file system holding `dir`, or undefined when unknown. */
  readonly freeBytes: (dir: string) => Promise<number | undefined>;
}

/** The real file system. */
export const nodeCacheIo: CacheIo = Object.freeze({
  createWriteStream: (path: string, flags: 'w' | 'a') => createWriteStream(path, { flags }),
  freeBytes: async (dir: string) => {
    try {
      const s = await statfs(dir);
      return s.bavail * s.bsize;
    } catch {
      return undefined;
    }
  },
});

/** A transfer that stopped early; the partial file is kept for a Range resume. */
class Interrupted extends Error {
  constructor(readonly bytes: number, readonly reason: string) {
    super(reason);
  }
}

const diskFullCodes = new Set(['ENOSPC', 'EDQUOT']);

/** Resolves once a stream's file is closed: only then is the partial file's size what was written. */
function closed(stream: Writable): Promise<void> {
  return stream.closed ? Promise.resolve() : new Promise((resolve) => stream.once('close', () => resolve()));
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => undefined))?.size ?? 0;
}

async function writeFailure(error: NodeJS.ErrnoException, job: BlobDownload): Promise<HubError> {
  // A partial file left by a full disk only takes space others need; the download restarts cleanly.
  await rm(job.partialPath, { force: true });
  const { file, ctx } = job;
  if (diskFullCodes.has(error.code ?? '')) {
    return new HubError(
      `No space left on the disk holding ${ctx.cachePath} while downloading '${file.path}' of ${repoNoun(ctx)} '${ctx.modelId}' (${file.size} bytes, ${error.code}); the partial file was removed: free space or set HF_HUB_CACHE to a larger disk.`,
      'diskFull', ctx.modelId, ctx.cachePath, { cause: error });
  }
  return new HubError(
    `Cannot write ${job.partialPath} (${error.code ?? error.message}) while downloading ${repoNoun(ctx)} '${ctx.modelId}'; set HF_HUB_CACHE to a writable folder.`,
    'cacheWrite', ctx.modelId, ctx.cachePath, { cause: error });
}

/** Appends (or writes) the rest of the file to the partial file; returns when the server has sent all it will. */
async function transfer(job: BlobDownload): Promise<void> {
  const { file, io } = job;
  let offset = await sizeOf(job.partialPath);
  if (offset > file.size) {
    await rm(job.partialPath, { force: true });
    offset = 0;
  }
  if (offset === file.size) return;
  const response = await job.fetch(job.url, offset > 0 ? { headers: { range: `bytes=${offset}-` } } : {});
  // A server that ignores Range sends the whole file with 200: start over rather than append.
  const resumedFrom = offset > 0 && response.status === 206 ? offset : 0;
  if (resumedFrom > 0 && !response.headers.get('content-range')?.startsWith(`bytes ${offset}-`)) {
    await response.body?.cancel();
    await rm(job.partialPath, { force: true });
    throw new Interrupted(0, `the server answered Range bytes=${offset}- with ${response.headers.get('content-range') ?? 'no Content-Range'}`);
  }
  if (response.body === null) throw new Interrupted(resumedFrom, 'empty response');
  job.report('start', resumedFrom, resumedFrom);

  const sink = io.createWriteStream(job.partialPath, resumedFrom > 0 ? 'a' : 'w');
  let writeError: NodeJS.ErrnoException | undefined;
  // Only the file system's own failures carry a syscall; the sink also re-emits a dropped connection when pipeline destroys it.
  sink.on('error', (error: NodeJS.ErrnoException) => (writeError ??= typeof error.syscall === 'string' ? error : undefined));
  let bytes = resumedFrom;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      job.report('data', bytes, resumedFrom);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), counter, sink);
    await closed(sink);
  } catch (error) {
    // A write still in flight would land after the next attempt measured the file and duplicate bytes.
    await closed(sink);
    if (writeError !== undefined) throw await writeFailure(writeError, job);
    throw new Interrupted(await sizeOf(job.partialPath), networkFailure(error));
  }
  if (bytes < file.size) throw new Interrupted(bytes, `the server sent ${bytes - resumedFrom} bytes and closed`);
}

/**
 * Downloads one file into `blobs/<etag>` the way huggingface_hub does: into
 * `<etag>.incomplete`, resuming an earlier partial file with an HTTP Range request, then
 * verifying size and hash and renaming into place, so the cache never holds a half blob.
 * A dropped connection is resumed up to `retries` times; after that the partial file is
 * kept and the next run resumes it.
 *
 * @throws HubError: `interrupted`, `diskFull`, `cacheWrite`, `integrity`, or a hub answer's kind.
 */
export async function downloadBlob(job: BlobDownload): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await transfer(job);
      break;
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      if (attempt < job.retries) continue;
      const { file, ctx } = job;
      throw new HubError(
        `Download of '${file.path}' of ${repoNoun(ctx)} '${ctx.modelId}' was interrupted at ${error.bytes} of ${file.size} bytes (${error.reason}); run again to resume it.`,
        'interrupted', ctx.modelId, job.partialPath, { cause: error });
    }
  }
  await verifyDownload(job.partialPath, job.file, job.ctx.modelId, repoNoun(job.ctx));
  await rename(job.partialPath, job.blobPath);
  job.report('done', job.file.size, 0);
}

/**
 * Checks a finished partial file against the hub's listing: its size, and its sha256 (LFS
 * files) or git blob id (files stored in git). A file that fails is deleted, so the next
 * run downloads it afresh rather than resuming a corrupt one.
 *
 * @param modelId the repository's `org/name`; `repoType` how the error names it (default `model`).
 * @throws HubError of kind `integrity`.
 */
export async function verifyDownload(partial: string, file: RepoFile, modelId: string, repoType: HubRepoType = 'model'): Promise<void> {
  const fail = async (what: string): Promise<never> => {
    await rm(partial, { force: true });
    throw new HubError(
      `Downloaded '${file.path}' of ${repoType} '${modelId}' does not match the hub's listing (${what}); the file was discarded, run again to download it afresh.`,
      'integrity',
      modelId,
      partial,
    );
  };
  const { size } = await stat(partial);
  if (size !== file.size) return fail(`${size} bytes instead of ${file.size}`);
  if (file.sha256 !== undefined) {
    const actual = await hashFile(partial, 'sha256');
    if (actual !== file.sha256) return fail(`sha256 ${actual} instead of ${file.sha256}`);
  } else if (file.gitOid !== undefined && file.gitOid.length === 40) {
    const actual = await hashFile(partial, 'sha1', size);
    if (actual !== file.gitOid) return fail(`git blob id ${actual} instead of ${file.gitOid}`);
  }
}

/**
 * Hex digest of a file, streamed. With `gitBlob`, the git object id: sha1 of
 * `blob <size>\0` followed by the content, which is what the hub lists for non-LFS files.
 */
export async function hashFile(file: string, algorithm: 'sha256' | 'sha1', gitBlobSize?: number): Promise<string> {
  const hash = createHash(algorithm);
  if (gitBlobSize !== undefined) hash.update(`blob ${gitBlobSize}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
