import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { downloadBlob, nodeCacheIo, type CacheIo } from './downloadBlob.js';
import type { ProgressListener } from './downloadProgress.js';
import { selectFiles } from './filesForEngine.js';
import { linkSnapshotFile, readCachedSnapshot, repoCachePaths, type RepoCachePaths } from './hubCache.js';
import { HubError } from '../errors/errors.js';
import { fetchRepoListing, hubFetch, repoNoun, repoNounCapitalised, resolveFileUrl, type HubRepoType, type HubRequestContext, type RepoFile } from './hubFetch.js';
import { readHubSettings, type HubEnv } from './hubSettings.js';
import { isCommitHash } from './modelRef.js';

/** How a hub repository is fetched and cached: the files wanted, the settings, and test seams. */
export interface HubResolveOptions {
  /** Picks the files to fetch from the repo's file list (repo-relative paths), e.g. `(f) => filesForEngine('onnx', 'q8', f)`; throws when the list lacks what is needed. */
  readonly files: (repoFiles: readonly string[]) => readonly string[];
  /** Environment to read HF_* variables from; default `process.env`. */
  readonly env?: HubEnv;
  /** `--offline`: use only the cache (also on when HF_HUB_OFFLINE is set). */
  readonly offline?: boolean;
  /** Overrides HF_ENDPOINT. */
  readonly endpoint?: string;
  /** Overrides HF_TOKEN. */
  readonly token?: string;
  /** Overrides HF_HUB_CACHE / HF_HOME. */
  readonly cacheDir?: string;
  /** Download progress; none is shown without it. */
  readonly progress?: ProgressListener;
  /** Resumes of a dropped connection within this call, per file; default 3. */
  readonly retries?: number;
  /** Injected for tests: the fetch to use (default global fetch) and file-system operations. */
  readonly fetch?: typeof fetch;
  readonly io?: CacheIo;
}

/** A hub repository at a revision, already validated (parseModelRef, parseDatasetRef). */
export interface HubRepoRequest {
  readonly type: HubRepoType;
  /** `org/name`. */
  readonly id: string;
  /** Branch, tag or 40-hex commit. */
  readonly revision: string;
  /** The reference as errors show it: `org/name`, or `org/name@rev` when the user named the revision. */
  readonly shown: string;
}

/** A hub repository's snapshot in the cache, holding the files asked for. */
export interface ResolvedHubRepo {
  /** The cache's `snapshots/<commit>` folder. */
  readonly dir: string;
  /** `org/name`. */
  readonly id: string;
  /** The revision asked for. */
  readonly revision: string;
  /** The 40-hex commit the files come from. */
  readonly commit: string;
  /** Repo-relative paths downloaded by this call; empty when all came from the cache. */
  readonly downloaded: string[];
}

async function blobIsComplete(paths: RepoCachePaths, file: RepoFile): Promise<boolean> {
  return (await stat(paths.blob(file.etag)).catch(() => undefined))?.size === file.size;
}

async function ensureSpace(paths: RepoCachePaths, missing: readonly RepoFile[], io: CacheIo, ctx: HubRequestContext): Promise<void> {
  try {
    await mkdir(path.join(paths.root, 'blobs'), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new HubError(`Cannot create the cache folder ${paths.root} (${code}) for ${repoNoun(ctx)} '${ctx.modelId}'; set HF_HUB_CACHE to a writable folder.`, 'cacheWrite', ctx.modelId, paths.root, { cause: error });
  }
  let needed = 0;
  for (const file of missing) needed += file.size - ((await stat(paths.incomplete(file.etag)).catch(() => undefined))?.size ?? 0);
  const free = await io.freeBytes(path.join(paths.root, 'blobs'));
  if (free !== undefined && free < needed) {
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    throw new HubError(`${repoNounCapitalised(ctx)} '${ctx.modelId}' needs ${mb(needed)} but only ${mb(free)} are free on the disk holding ${ctx.cachePath}; free space or set HF_HUB_CACHE to a larger disk.`, 'diskFull', ctx.modelId, ctx.cachePath);
  }
}

/**
 * Brings the files `options.files` asks for of a hub repository (a model or a dataset) into
 * the Hugging Face cache, in huggingface_hub's layout. A revision whose cached snapshot already
 * holds them is served without the network; otherwise the revision is resolved online, the
 * missing files are downloaded (resumable, verified) and `refs/<revision>` is updated.
 *
 * @throws HubError for everything the hub, the network, the cache or offline mode can refuse;
 *   UsageError for a malformed HF_ENDPOINT.
 */
export async function resolveHubRepo(repo: HubRepoRequest, options: HubResolveOptions): Promise<ResolvedHubRepo> {
  const { id, revision, shown, type } = repo;
  const settings = await readHubSettings(options.env ?? process.env, options);
  const paths = repoCachePaths(settings.cacheDir, id, type);
  const ctx: HubRequestContext = {
    modelId: id, revision, endpoint: settings.endpoint, hasToken: settings.token !== undefined, cachePath: paths.root,
    ...(type === 'model' ? {} : { repoType: type }),
  };
  const Noun = repoNounCapitalised(ctx);

  const cached = await readCachedSnapshot(paths, revision);
  const fromCache = cached === undefined ? undefined : selectFiles(options.files, cached.files);
  if (cached !== undefined && fromCache?.files !== undefined) {
    return { dir: paths.snapshot(cached.commit), id, revision, commit: cached.commit, downloaded: [] };
  }
  if (settings.offline) {
    const why = cached === undefined ? '' : ` (its cached snapshot ${cached.commit.slice(0, 7)} is incomplete: ${fromCache?.problem ?? ''})`;
    const instead = type === 'model' ? ', or give a local directory' : '';
    throw new HubError(
      `${Noun} '${shown}' is not in the Hugging Face cache at ${paths.root}${why} and offline mode is on (--offline or HF_HUB_OFFLINE); run once online to download it${instead}.`,
      'offlineMissing', id, paths.root);
  }

  const fetch = hubFetch(options.fetch ?? globalThis.fetch, settings.token, ctx);
  const listing = await fetchRepoListing(ctx, fetch);
  const selection = selectFiles(options.files, listing.files.map((f) => f.path));
  if (selection.files === undefined) {
    throw new HubError(`${Noun} '${shown}' (commit ${listing.commit.slice(0, 7)}) cannot be used: ${selection.problem}.`, 'missingFiles', id, paths.root);
  }
  const byPath = new Map(listing.files.map((f) => [f.path, f]));
  const wanted = selection.files.map((p) => byPath.get(p)).filter((f): f is RepoFile => f !== undefined);

  const missing: RepoFile[] = [];
  for (const file of wanted) if (!(await blobIsComplete(paths, file))) missing.push(file);
  const io = options.io ?? nodeCacheIo;
  if (missing.length > 0) await ensureSpace(paths, missing, io, ctx);

  const snapshot = paths.snapshot(listing.commit);
  for (const [index, file] of missing.entries()) {
    await downloadBlob({
      url: resolveFileUrl(ctx, listing.commit, file.path),
      file, fetch, io, ctx,
      blobPath: paths.blob(file.etag),
      partialPath: paths.incomplete(file.etag),
      retries: options.retries ?? 3,
      report: (phase, bytes, resumedFrom) =>
        options.progress?.({ modelId: id, file: file.path, phase, bytes, totalBytes: file.size, resumedFrom, fileIndex: index + 1, fileCount: missing.length }),
    });
  }
  for (const file of wanted) await linkSnapshotFile(paths.blob(file.etag), path.join(snapshot, ...file.path.split('/')));
  if (!isCommitHash(revision)) {
    await mkdir(path.dirname(paths.ref(revision)), { recursive: true });
    await writeFile(paths.ref(revision), listing.commit);
  }
  return { dir: snapshot, id, revision, commit: listing.commit, downloaded: missing.map((f) => f.path) };
}
