import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { filesForEngine } from '../../src/hub/filesForEngine.js';
import { HubError } from '../../src/errors/errors.js';
import { resolveModelRef } from '../../src/hub/resolveModelRef.js';
import { repoFolder, setUpHub, tinyRepo, type HubTest } from './hubTestSetup.js';

const tfjsFiles = (files: readonly string[]) => filesForEngine('tfjs', 'fp32', files);
const onnxFiles = (files: readonly string[]) => filesForEngine('onnx', 'fp32', files);

describe('offline mode', () => {
  let t: HubTest;
  beforeEach(async () => (t = await setUpHub()));
  afterEach(async () => t.dispose());

  it('fails with nothing cached, naming the model and the cache path, without any request', async () => {
    await assert.rejects(resolveModelRef(`${tinyRepo}@v1`, { files: tfjsFiles, env: t.env, fetch: t.fetch, offline: true }), (e: unknown) => {
      assert.ok(e instanceof HubError && e.kind === 'offlineMissing' && e.isUsageError);
      assert.ok(e.message.includes(`'${tinyRepo}@v1'`), e.message);
      assert.ok(e.message.includes(repoFolder(t.home, tinyRepo)), e.message);
      assert.ok(!e.message.includes('\n'));
      return true;
    });
    assert.equal(t.fetched.length, 0);
  });

  it('HF_HUB_OFFLINE=1 uses the cache after one online run', async () => {
    const online = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    const seen = t.fetched.length;
    const offline = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: { ...t.env, HF_HUB_OFFLINE: '1' }, fetch: t.fetch });
    assert.equal(offline.dir, online.dir);
    assert.equal(t.fetched.length, seen);
  });

  it('says the cached snapshot is incomplete when it lacks the engine’s files', async () => {
    await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    await assert.rejects(resolveModelRef(tinyRepo, { files: onnxFiles, env: t.env, fetch: t.fetch, offline: true }), (e: unknown) => {
      assert.ok(e instanceof HubError && e.kind === 'offlineMissing');
      assert.match(e.message, /incomplete: .*onnx\/vision_model\.onnx/);
      return true;
    });
  });
});
