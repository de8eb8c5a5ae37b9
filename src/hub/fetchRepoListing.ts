import { HubError } from './HubError.js';
import type { HubRequestContext } from './hubRequestContext.js';
import { isCommitHash } from './isCommitHash.js';
import type { RepoFile, RepoListing } from './repoFile.js';

/** Whether a repo path can be joined onto a local folder without escaping it (huggingface_hub#4540). */
function isSafeRelativePath(p: string): boolean {
  const segments = p.split('/');
  return !p.includes('\\') && !/^[A-Za-z]:/.test(p) && segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * Resolves a revision to its commit and lists the repository's files there, with
 * `@huggingface/hub`'s `modelInfo` (`GET /api/models/{id}/revision/{rev}`) and
 * `listFiles` (`GET /api/models/{id}/tree/{commit}?recursive=true`, paginated).
 *
 * @param fetch a hubFetch wrapper: it adds the token and turns failures into HubErrors.
 * @throws HubError when the hub answers with something that is not a commit and a file list.
 */
export async function fetchRepoListing(ctx: HubRequestContext, fetch: typeof globalThis.fetch): Promise<RepoListing> {
  const hub = await import('@huggingface/hub');
  const common = { hubUrl: ctx.endpoint, fetch };
  const info = await hub.modelInfo({ ...common, name: ctx.modelId, revision: ctx.revision, additionalFields: ['sha'] });
  const commit = info.sha;
  if (typeof commit !== 'string' || !isCommitHash(commit)) {
    throw new HubError(`${ctx.endpoint} gave no commit id for model '${ctx.modelId}' at '${ctx.revision}'; is HF_ENDPOINT a Hugging Face hub?`, 'server', ctx.modelId);
  }
  const files: RepoFile[] = [];
  for await (const entry of hub.listFiles({ ...common, repo: { type: 'model', name: ctx.modelId }, revision: commit, recursive: true })) {
    if (entry.type !== 'file') continue;
    if (!isSafeRelativePath(entry.path)) {
      throw new HubError(`Model '${ctx.modelId}' lists a file path that would escape the cache: ${JSON.stringify(entry.path)}.`, 'server', ctx.modelId);
    }
    const sha256 = entry.lfs?.oid;
    const etag = sha256 ?? entry.oid;
    // The etag becomes a file name in blobs/, so it must be the hex id the hub always gives.
    if (etag === undefined || !/^[0-9a-f]{40,64}$/.test(etag)) {
      throw new HubError(`${ctx.endpoint} gave no valid object id for '${entry.path}' of model '${ctx.modelId}'; is HF_ENDPOINT a Hugging Face hub?`, 'server', ctx.modelId);
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
