import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { loadModel } from '../../src/families/loadModel.js';
import { filesForEngine } from '../../src/hub/filesForEngine.js';
import { HubError } from '../../src/errors/errors.js';
import { resolveModelRef } from '../../src/hub/resolveModelRef.js';
import { fixturePath } from '../helpers/paths.js';
import { listTree, otherToken, repoFolder, setUpHub, tinyRepo, type HubTest } from './hubTestSetup.js';

const tfjsFiles = (files: readonly string[]) => filesForEngine('tfjs', 'fp32', files);
const onnxFiles = (files: readonly string[]) => filesForEngine('onnx', 'fp32', files);
// What a tfjs download of a HF CLIP repo must hold, per the issue: tokenizer, configs, one weights file.
const tfjsExpected = ['config.json', 'merges.txt', 'model.safetensors', 'preprocessor_config.json', 'special_tokens_map.json', 'tokenizer_config.json', 'vocab.json'];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const gitOid = (bytes: Buffer) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

describe('resolveModelRef against a local fake hub', () => {
  let t: HubTest;
  beforeEach(async () => (t = await setUpHub()));
  afterEach(async () => t.dispose());

  it('downloads only the tfjs files into the HF cache layout, byte for byte, and the model loads', async () => {
    const resolved = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    const commit = t.hub.commitOf(tinyRepo, 'main');
    const root = repoFolder(t.home, tinyRepo);
    assert.equal(resolved.dir, path.join(root, 'snapshots', commit));
    assert.equal(resolved.commit, commit);
    assert.equal(resolved.id, tinyRepo);
    assert.deepEqual([...resolved.downloaded].sort(), tfjsExpected);
    assert.deepEqual(await listTree(resolved.dir), tfjsExpected);

    for (const file of tfjsExpected) {
      const expected = await readFile(fixturePath('clip-tiny', file));
      assert.deepEqual(await readFile(path.join(resolved.dir, file)), expected, file);
      // huggingface_hub's layout: a relative link into blobs/, named by sha256 (LFS) or git blob id.
      const link = path.join(resolved.dir, file);
      assert.ok((await lstat(link)).isSymbolicLink(), `${file} is a link`);
      const etag = file.endsWith('.safetensors') ? sha256(expected) : gitOid(expected);
      assert.equal(await readlink(link), path.join('..', '..', 'blobs', etag));
    }
    assert.equal(await readFile(path.join(root, 'refs', 'main'), 'utf8'), commit);
    assert.ok(!(await listTree(root)).some((f) => f.endsWith('.incomplete')));

    const fromCache = await loadModel(resolved.dir);
    const fromFixture = await loadModel(fixturePath('clip-tiny'));
    assert.deepEqual(fromCache.config, fromFixture.config);
    assert.deepEqual(fromCache.weights, fromFixture.weights);
  });

  it('contacts nothing but 127.0.0.1, and never sends the token to the LFS storage host', async () => {
    await resolveModelRef(tinyRepo, { files: tfjsFiles, env: { ...t.env, HF_TOKEN: otherToken }, fetch: t.fetch });
    assert.ok(t.fetched.length > 0);
    for (const url of t.fetched) assert.equal(new URL(url).hostname, '127.0.0.1', url);
    for (const r of t.hub.requests) assert.equal(r.remoteAddress, '127.0.0.1');
    const storage = t.hub.requests.filter((r) => r.server === 'storage');
    assert.ok(storage.length > 0, 'LFS files came through the storage redirect');
    assert.ok(storage.every((r) => r.authorization === undefined));
    assert.ok(t.hub.requests.filter((r) => r.server === 'hub').every((r) => r.authorization === `Bearer ${otherToken}`));
  });

  it('a second call is served from the cache without any request', async () => {
    const first = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    const seen = t.hub.requests.length;
    const second = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    assert.equal(t.hub.requests.length, seen);
    assert.equal(second.dir, first.dir);
    assert.deepEqual(second.downloaded, []);
  });

  it('fetches only the ONNX graphs for the onnx engine, and adds them to a cached tfjs snapshot', async () => {
    await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    const onnx = await resolveModelRef(tinyRepo, { files: onnxFiles, env: t.env, fetch: t.fetch });
    assert.deepEqual([...onnx.downloaded].sort(), ['onnx/text_model.onnx', 'onnx/vision_model.onnx']);
    for (const file of ['onnx/text_model.onnx', 'onnx/vision_model.onnx']) {
      assert.deepEqual(await readFile(path.join(onnx.dir, file)), await readFile(fixturePath('clip-tiny', file)));
    }
    assert.ok(!(await listTree(onnx.dir)).includes('openai_state_dict.safetensors'));
  });

  it('refuses a dtype the repo has no graphs for, naming what it has', async () => {
    const q8 = (files: readonly string[]) => filesForEngine('onnx', 'q8', files);
    await assert.rejects(resolveModelRef(tinyRepo, { files: q8, env: t.env, fetch: t.fetch }), (e: unknown) => {
      assert.ok(e instanceof HubError && e.kind === 'missingFiles');
      assert.match(e.message, /onnx\/vision_model_quantized\.onnx/);
      assert.match(e.message, /onnx\/vision_model\.onnx/);
      return true;
    });
  });

  it('resolves @revision (a tag, then its commit hash) to that revision’s files', async () => {
    const tagged = await resolveModelRef(`${tinyRepo}@v1`, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    const commit = t.hub.commitOf(tinyRepo, 'v1');
    assert.notEqual(commit, t.hub.commitOf(tinyRepo, 'main'));
    assert.equal(tagged.revision, 'v1');
    assert.equal(path.basename(tagged.dir), commit);
    assert.deepEqual(await readFile(path.join(tagged.dir, 'config.json')), await readFile(fixturePath('clip-tiny-p16', 'config.json')));
    assert.equal(await readFile(path.join(repoFolder(t.home, tinyRepo), 'refs', 'v1'), 'utf8'), commit);

    const seen = t.hub.requests.length;
    const pinned = await resolveModelRef(`${tinyRepo}@${commit}`, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    assert.equal(pinned.dir, tagged.dir);
    assert.equal(t.hub.requests.length, seen, 'a cached commit needs no request');
  });

  it('honours HF_HUB_CACHE over HF_HOME', async () => {
    const cache = path.join(t.home, 'elsewhere');
    const resolved = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: { ...t.env, HF_HUB_CACHE: cache }, fetch: t.fetch });
    assert.equal(resolved.dir, path.join(cache, `models--stroop-test--clip-tiny`, 'snapshots', t.hub.commitOf(tinyRepo, 'main')));
    assert.deepEqual(await listTree(path.join(t.home, 'hub')), []);
  });

  it('follows the tree listing across pages', async () => {
    await t.dispose();
    const { defaultRepos } = await import('./hubTestSetup.js');
    t = await setUpHub({ ...defaultRepos, pageSize: 3 });
    const resolved = await resolveModelRef(tinyRepo, { files: onnxFiles, env: t.env, fetch: t.fetch });
    assert.ok(t.hub.requests.filter((r) => r.url.includes('/tree/')).length > 1);
    assert.ok(resolved.downloaded.includes('onnx/vision_model.onnx'));
  });

  it('reuses a cache laid out by huggingface_hub (Python) without any request', async () => {
    // Built by hand from the documented layout, not by our code.
    const commit = 'a'.repeat(40);
    const root = repoFolder(t.home, 'openai/clip-like');
    await mkdir(path.join(root, 'blobs'), { recursive: true });
    await mkdir(path.join(root, 'snapshots', commit), { recursive: true });
    await mkdir(path.join(root, 'refs'), { recursive: true });
    for (const file of tfjsExpected) {
      const bytes = await readFile(fixturePath('clip-tiny', file));
      const etag = file.endsWith('.safetensors') ? sha256(bytes) : gitOid(bytes);
      await writeFile(path.join(root, 'blobs', etag), bytes);
      await symlink(`../../blobs/${etag}`, path.join(root, 'snapshots', commit, file));
    }
    await writeFile(path.join(root, 'refs', 'main'), commit);
    const resolved = await resolveModelRef('openai/clip-like', { files: tfjsFiles, env: t.env, fetch: t.fetch });
    assert.equal(resolved.dir, path.join(root, 'snapshots', commit));
    assert.equal(t.hub.requests.length, 0);
    assert.equal((await loadModel(resolved.dir)).config.projectionDim, (await loadModel(fixturePath('clip-tiny'))).config.projectionDim);
  });

  it('links a blob already in the cache instead of downloading it again', async () => {
    const weights = await readFile(fixturePath('clip-tiny', 'model.safetensors'));
    const blobs = path.join(repoFolder(t.home, tinyRepo), 'blobs');
    await mkdir(blobs, { recursive: true });
    await writeFile(path.join(blobs, sha256(weights)), weights);
    const resolved = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    assert.ok(!resolved.downloaded.includes('model.safetensors'));
    assert.equal(t.hub.requests.filter((r) => r.server === 'storage').length, 0);
    assert.deepEqual(await readFile(path.join(resolved.dir, 'model.safetensors')), weights);
  });

  it('returns a local directory as is', async () => {
    const dir = fixturePath('clip-tiny');
    assert.deepEqual(await resolveModelRef(dir, { files: tfjsFiles, env: t.env, fetch: t.fetch }), { dir, id: dir, downloaded: [] });
    assert.equal(t.fetched.length, 0);
  });
});
