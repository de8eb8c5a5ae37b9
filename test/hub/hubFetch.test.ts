import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hubResponseError } from '../../src/hub/hubFetch.js';

const ctx = { modelId: 'org/name', revision: 'main', endpoint: 'https://hub.example', hasToken: false, cachePath: '/cache/models--org--name' };
const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

describe('hubResponseError', () => {
  it('maps the hub error codes and statuses to kinds', () => {
    assert.equal(hubResponseError(answer(404), ctx).kind, 'notFound');
    // The hub answers 401 + RepoNotFound for a repo it will not confirm to an anonymous caller.
    assert.equal(hubResponseError(answer(401, { 'x-error-code': 'RepoNotFound' }), ctx).kind, 'notFound');
    assert.equal(hubResponseError(answer(404, { 'x-error-code': 'RevisionNotFound' }), ctx).kind, 'revisionNotFound');
    assert.equal(hubResponseError(answer(401), ctx).kind, 'unauthorized');
    assert.equal(hubResponseError(answer(403, { 'x-error-code': 'GatedRepo' }), { ...ctx, hasToken: true }).kind, 'forbidden');
    const server = hubResponseError(answer(503), ctx);
    assert.equal(server.kind, 'server');
    assert.equal(server.isUsageError, false);
    assert.match(server.message, /HTTP 503/);
  });

  it('says whether the token was missing or rejected', () => {
    assert.match(hubResponseError(answer(401), ctx).message, /set HF_TOKEN/);
    assert.match(hubResponseError(answer(401), { ...ctx, hasToken: true }).message, /rejected HF_TOKEN/);
    assert.match(hubResponseError(answer(404), { ...ctx, hasToken: true }).message, /HF_TOKEN has no access/);
  });
});
