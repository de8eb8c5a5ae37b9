import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { UsageError, HubError, type HubErrorKind } from '../../src/errors/errors.js';
import { filesForEngine } from '../../src/hub/filesForEngine.js';
import { resolveModelRef } from '../../src/hub/resolveModelRef.js';
import { allowedToken, gatedRepo, listTree, otherToken, repoFolder, setUpHub, tinyRepo, type HubTest } from './hubTestSetup.js';

const tfjsFiles = (files: readonly string[]) => filesForEngine('tfjs', 'fp32', files);

function hubError(kind: HubErrorKind, ...patterns: RegExp[]) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof HubError, String(e));
    assert.equal(e.kind, kind, e.message);
    assert.ok(!e.message.includes('\n'), 'one line');
    for (const p of patterns) assert.match(e.message, p);
    return true;
  };
}

describe('hub errors', () => {
  let t: HubTest;
  beforeEach(async () => (t = await setUpHub()));
  afterEach(async () => t.dispose());

  it('404: names the id and the endpoint', async () => {
    await assert.rejects(
      resolveModelRef('stroop-test/no-such-model', { files: tfjsFiles, env: t.env, fetch: t.fetch }),
      hubError('notFound', /'stroop-test\/no-such-model'/, new RegExp(t.hub.url.replace(/[.]/g, '\\.')), /HF_TOKEN/),
    );
  });

  it('unknown revision: names it', async () => {
    await assert.rejects(resolveModelRef(`${tinyRepo}@no-such-tag`, { files: tfjsFiles, env: t.env, fetch: t.fetch }), hubError('revisionNotFound', /'no-such-tag'/));
  });

  it('gated repo without a token: 401, says to set HF_TOKEN', async () => {
    await assert.rejects(resolveModelRef(gatedRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch }), hubError('unauthorized', /set HF_TOKEN/, /gated/));
  });

  it('invalid token: 401, says the token was rejected', async () => {
    await assert.rejects(
      resolveModelRef(gatedRepo, { files: tfjsFiles, env: { ...t.env, HF_TOKEN: 'hf_expired' }, fetch: t.fetch }),
      hubError('unauthorized', /rejected HF_TOKEN/),
    );
  });

  it('valid token without access: 403', async () => {
    await assert.rejects(resolveModelRef(gatedRepo, { files: tfjsFiles, env: { ...t.env, HF_TOKEN: otherToken }, fetch: t.fetch }), hubError('forbidden', /no access/));
  });

  it('the right token (from HF_TOKEN or the token file) downloads the gated repo', async () => {
    const resolved = await resolveModelRef(gatedRepo, { files: tfjsFiles, env: { ...t.env, HF_TOKEN: allowedToken }, fetch: t.fetch });
    assert.ok(resolved.downloaded.includes('model.safetensors'));
    const { writeFile, rm } = await import('node:fs/promises');
    await rm(repoFolder(t.home, gatedRepo), { recursive: true });
    await writeFile(`${t.home}/token`, `${allowedToken}\n`);
    assert.ok((await resolveModelRef(gatedRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch })).downloaded.length > 0);
  });

  it('an unreachable endpoint: a network error that suggests --offline', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await assert.rejects(
      resolveModelRef(tinyRepo, { files: tfjsFiles, env: { ...t.env, HF_ENDPOINT: `http://127.0.0.1:${port}` }, fetch: t.fetch }),
      hubError('network', /ECONNREFUSED/, /--offline/),
    );
  });

  it('leaves nothing in the cache after any of these', async () => {
    await resolveModelRef(gatedRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch }).catch(() => undefined);
    await resolveModelRef('stroop-test/no-such-model', { files: tfjsFiles, env: t.env, fetch: t.fetch }).catch(() => undefined);
    assert.deepEqual(await listTree(`${t.home}/hub`), []);
  });

  for (const ref of ['clip-vit', 'a/b/c', 'org/na me', 'org/name@', 'org/name@../../etc', 'org--x/name', '-org/name']) {
    it(`a malformed reference '${ref}' is a UsageError listing the allowed forms`, async () => {
      await assert.rejects(resolveModelRef(ref, { files: tfjsFiles, env: t.env, fetch: t.fetch }), (e: unknown) => {
        assert.ok(e instanceof UsageError, String(e));
        assert.match(e.message, /org\/name\[@revision\]/);
        return true;
      });
      assert.equal(t.fetched.length, 0);
    });
  }
});
