import { HubError } from './HubError.js';
import type { HubRequestContext } from './hubRequestContext.js';
import { hubResponseError } from './hubResponseError.js';
import { networkFailure } from './networkFailure.js';

/**
 * Wraps `fetch` for one model's hub requests, both ours and `@huggingface/hub`'s: adds the
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
        `Cannot reach ${ctx.endpoint} for model '${ctx.modelId}' (${networkFailure(error)}); check the network or HF_ENDPOINT, or use --offline with a cached model.`,
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
