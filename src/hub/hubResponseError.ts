import { HubError } from './HubError.js';
import type { HubRequestContext } from './hubRequestContext.js';

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
  const make = (kind: HubError['kind'], message: string) => new HubError(message, kind, id, ctx.cachePath);

  if (code === 'RevisionNotFound') {
    return make('revisionNotFound', `Model '${id}' has no revision '${ctx.revision}' on ${where}; give an existing branch, tag or commit as ${id}@<revision>.`);
  }
  if (code === 'RepoNotFound' || (status === 404 && code !== 'EntryNotFound')) {
    const tokenHint = ctx.hasToken ? 'or HF_TOKEN has no access to it' : 'or set HF_TOKEN if it is private or gated';
    return make('notFound', `Model '${id}' was not found on ${where}: it is not a local directory either; check the id, ${tokenHint}.`);
  }
  if (code === 'EntryNotFound') {
    return make('notFound', `A file of model '${id}' at revision '${ctx.revision}' disappeared from ${where} during the download: ${response.url}.`);
  }
  const gated = code === 'GatedRepo' ? ' (a gated repo)' : '';
  if (status === 401) {
    return ctx.hasToken
      ? make('unauthorized', `${ctx.endpoint} rejected HF_TOKEN for model '${id}'${gated} (HTTP 401): the token is invalid or expired; set HF_TOKEN to a valid read token.`)
      : make('unauthorized', `Model '${id}'${gated} needs a token on ${where}; set HF_TOKEN to a token with access to it.`);
  }
  if (status === 403) {
    return ctx.hasToken
      ? make('forbidden', `HF_TOKEN has no access to model '${id}'${gated} on ${where}; request access on the model page or use a token that has it.`)
      : make('forbidden', `Model '${id}'${gated} is restricted on ${where}; set HF_TOKEN to a token with access to it.`);
  }
  return make('server', `${ctx.endpoint} answered HTTP ${status} for model '${id}' (${new URL(response.url || ctx.endpoint).pathname}); try again later.`);
}
