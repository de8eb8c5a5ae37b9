import { HubError } from '../errors/errors.js';
import { isCommitHash } from './modelRef.js';

/**
 * Talking to the hub over HTTP: the fetch wrapper every request goes through, the HubErrors
 * its failures become, and the one listing call (commit and files of a revision).
 */

/** The kinds of hub repository stroop reads: models (`--model`) and datasets (Parquet files). */
export type HubRepoType = 'model' | 'dataset';

/** What a hub request is about, so its failure can be reported in the user's terms. */
export interface HubRequestContext {
  /** `org/name` of the repository (a dataset's too: the name is older than dataset support). */
  readonly modelId: string;
  /** The repository's kind; `model` when absent. Decides the API paths, the cache folder and the wording of errors. */
  readonly repoType?: HubRepoType;
  /** The revision as the user gave it (`main` by default). */
  readonly revision: string;
  /** Hub base URL. */
  readonly endpoint: string;
  /** Whether a token was sent. */
  readonly hasToken: boolean;
  /** The repository's folder in the cache, named in errors. */
  readonly cachePath: string;
}

/** How errors name a repository: `model` or `dataset`. */
export function repoNoun(ctx: Pick<HubRequestContext, 'repoType'>): HubRepoType {
  return ctx.repoType ?? 'model';
}

/** {@link repoNoun} at the start of a sentence: `Model` or `Dataset`. */
export function repoNounCapitalised(ctx: Pick<HubRequestContext, 'repoType'>): string {
  const noun = repoNoun(ctx);
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/**
 * Where a file of a repository at a commit is downloaded from: `{endpoint}/{id}/resolve/{commit}/{path}`
 * for a model, `{endpoint}/datasets/{id}/resolve/{commit}/{path}` for a dataset.
 */
export function resolveFileUrl(ctx: HubRequestContext, commit: string, filePath: string): string {
  const prefix = repoNoun(ctx) === 'model' ? '' : `/${repoNoun(ctx)}s`;
  return `${ctx.endpoint}${prefix}/${ctx.modelId}/resolve/${commit}/${filePath.split('/').map(encodeURIComponent).join('/')}`;
}

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

/**
 * Wraps `fetch` for one repository's hub requests, both ours and `@huggingface/hub`'s: adds the
 * bearer token to requests for the endpoint's own origin only (fetch drops it on a
 * cross-origin redirect to the LFS storage), and turns a refused connection or any non-2xx
 * answer into a one-line HubError, so every caller sees the same errors.
 */
export function hubFetch(baseFetch: typeof fetch, token: string | undefined, ctx: HubRequestContext): typeof fetch {
  const origin = new URL(ctx.endpoint).origin;
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (token !== undefined && url.origin === origin && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, headers });
    } catch (error) {
      if (error instanceof HubError) throw error;
      throw new HubError(
        `Cannot reach ${ctx.endpoint} for ${repoNoun(ctx)} '${ctx.modelId}' (${networkFailure(error)}); check the network or HF_ENDPOINT, or use --offline with a cached ${repoNoun(ctx)}.`,
        'network',
        ctx.modelId,
        ctx.cachePath,
        { cause: error },
      );
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw hubResponseError(response, ctx);
    }
    return response;
  };
}

/**
 * Turns a failed hub response into a one-line HubError. Reads the hub's `X-Error-Code`
 * header (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo) as huggingface_hub
 * does; the hub answers 401 rather than 404 for a repo it will not confirm to an
 * anonymous caller, so "not found" always mentions the token.
 */
export function hubResponseError(response: Response, ctx: HubRequestContext): HubError {
  const code = response.headers.get('x-error-code') ?? '';
  const status = response.status;
  const where = `${ctx.endpoint} (HTTP ${status})`;
  const id = ctx.modelId;
  const noun = repoNoun(ctx);
  const Noun = repoNounCapitalised(ctx);
  const make = (kind: HubError['kind'], message: string) => new HubError(message, kind, id, ctx.cachePath);

  if (code === 'RevisionNotFound') {
    return make('revisionNotFound', `${Noun} '${id}' has no revision '${ctx.revision}' on ${where}; give an existing branch, tag or commit as ${id}@<revision>.`);
  }
  if (code === 'RepoNotFound' || (status === 404 && code !== 'EntryNotFound')) {
    const tokenHint = ctx.hasToken ? 'or HF_TOKEN has no access to it' : 'or set HF_TOKEN if it is private or gated';
    // Only a model reference can also be a local directory.
    const notLocal = noun === 'model' ? ': it is not a local directory either;' : ';';
    return make('notFound', `${Noun} '${id}' was not found on ${where}${notLocal} check the id, ${tokenHint}.`);
  }
  if (code === 'EntryNotFound') {
    return make('notFound', `A file of ${noun} '${id}' at revision '${ctx.revision}' disappeared from ${where} during the download: ${response.url}.`);
  }
  const gated = code === 'GatedRepo' ? ' (a gated repo)' : '';
  if (status === 401) {
    return ctx.hasToken
      ? make('unauthorized', `${ctx.endpoint} rejected HF_TOKEN for ${noun} '${id}'${gated} (HTTP 401): the token is invalid or expired; set HF_TOKEN to a valid read token.`)
      : make('unauthorized', `${Noun} '${id}'${gated} needs a token on ${where}; set HF_TOKEN to a token with access to it.`);
  }
  if (status === 403) {
    return ctx.hasToken
      ? make('forbidden', `HF_TOKEN has no access to ${noun} '${id}'${gated} on ${where}; request access on the ${noun} page or use a token that has it.`)
      : make('forbidden', `${Noun} '${id}'${gated} is restricted on ${where}; set HF_TOKEN to a token with access to it.`);
  }
  return make('server', `${ctx.endpoint} answered HTTP ${status} for ${noun} '${id}' (${new URL(response.url || ctx.endpoint).pathname}); try again later.`);
}

/** The most specific code or message of a network failure (fetch nests the socket error as its cause). */
export function networkFailure(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    if (current.cause === undefined) return current.message;
    current = current.cause;
  }
  return String(current);
}

/** Whether a repo path can be joined onto a local folder without escaping it (huggingface_hub#4540). */
function isSafeRelativePath(p: string): boolean {
  const segments = p.split('/');
  return !p.includes('\\') && !/^[A-Za-z]:/.test(p) && segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * Resolves a revision to its commit and lists the repository's files there, with
 * `@huggingface/hub`'s `modelInfo` (`GET /api/models/{id}/revision/{rev}`) or `datasetInfo`
 * (`GET /api/datasets/{id}/revision/{rev}`) and `listFiles`
 * (`GET /api/{models|datasets}/{id}/tree/{commit}?recursive=true`, paginated).
 *
 * @param fetch a hubFetch wrapper: it adds the token and turns failures into HubErrors.
 * @throws HubError when the hub answers with something that is not a commit and a file list.
 */
export async function fetchRepoListing(ctx: HubRequestContext, fetch: typeof globalThis.fetch): Promise<RepoListing> {
  const hub = await import('@huggingface/hub');
  const common = { hubUrl: ctx.endpoint, fetch };
  const type = repoNoun(ctx);
  const infoParams = { ...common, name: ctx.modelId, revision: ctx.revision, additionalFields: ['sha' as const] };
  const info = type === 'model' ? await hub.modelInfo(infoParams) : await hub.datasetInfo(infoParams);
  const commit = info.sha;
  if (typeof commit !== 'string' || !isCommitHash(commit)) {
    throw new HubError(`${ctx.endpoint} gave no commit id for ${type} '${ctx.modelId}' at '${ctx.revision}'; is HF_ENDPOINT a Hugging Face hub?`, 'server', ctx.modelId);
  }
  const files: RepoFile[] = [];
  for await (const entry of hub.listFiles({ ...common, repo: { type, name: ctx.modelId }, revision: commit, recursive: true })) {
    if (entry.type !== 'file') continue;
    if (!isSafeRelativePath(entry.path)) {
      throw new HubError(`${repoNounCapitalised(ctx)} '${ctx.modelId}' lists a file path that would escape the cache: ${JSON.stringify(entry.path)}.`, 'server', ctx.modelId);
    }
    const sha256 = entry.lfs?.oid;
    const etag = sha256 ?? entry.oid;
    // The etag becomes a file name in blobs/, so it must be the hex id the hub always gives.
    if (etag === undefined || !/^[0-9a-f]{40,64}$/.test(etag)) {
      throw new HubError(`${ctx.endpoint} gave no valid object id for '${entry.path}' of ${type} '${ctx.modelId}'; is HF_ENDPOINT a Hugging Face hub?`, 'server', ctx.modelId);
    }
    files.push({
      path: entry.path,
      size: entry.lfs?.size ?? entry.size,
      etag,
      ...(sha256 === undefined ? { gitOid: etag } : { sha256 }),
    });
  }
  return { commit, files };
}
