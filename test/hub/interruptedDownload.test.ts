import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { nodeCacheIo, type CacheIo } from '../../src/hub/downloadBlob.js';
import type { DownloadProgress } from '../../src/hub/downloadProgress.js';
import { filesForEngine } from '../../src/hub/filesForEngine.js';
import { HubError } from '../../src/errors/errors.js';
import { resolveModelRef } from '../../src/hub/resolveModelRef.js';
import { fixturePath } from '../helpers/paths.js';
import { listTree, repoFolder, setUpHub, tinyRepo, type HubTest } from './hubTestSetup.js';

const tfjsFiles = (files: readonly string[]) => filesForEngine('tfjs', 'fp32', files);
const weightsFile = 'model.safetensors';
const cutAt = 300_000;

/** A CacheIo whose writes fail with ENOSPC once `limit` bytes went to one file, as a full disk does. */
function diskFullAfter(limit: number): CacheIo {
  return {
    ...nodeCacheIo,
    createWriteStream: (file, flags) => {
      const real = createWriteStream(file, { flags });
      let written = 0;
      return new Writable({
        write(chunk: Buffer, _encoding, done) {
          if (written + chunk.length > limit) {
            done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }));
            return;
          }
          written += chunk.length;
          real.write(chunk, done);
        },
        final: (done) => real.end(done),
        destroy: (error, done) => real.close(() => done(error)),
      });
    },
  };
}

describe('interrupted downloads, a full disk, corrupt bytes', () => {
  let t: HubTest;
  let weights: Buffer;
  let partial: string;
  beforeEach(async () => {
    t = await setUpHub();
    weights = await readFile(fixturePath('clip-tiny', weightsFile));
    partial = path.join(repoFolder(t.home, tinyRepo), 'blobs', `${createHash('sha256').update(weights).digest('hex')}.incomplete`);
  });
  afterEach(async () => t.dispose());

  it('a connection cut mid-file fails clearly, keeps only the .incomplete, and the next run resumes it with Range', async () => {
    t.hub.cutNext(weightsFile, cutAt);
    await assert.rejects(resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch, retries: 0 }), (e: unknown) => {
      assert.ok(e instanceof HubError && e.kind === 'interrupted' && !e.isUsageError, String(e));
      assert.match(e.message, /model\.safetensors.*interrupted.*run again to resume/);
      return true;
    });
    const kept = (await stat(partial)).size;
    assert.ok(kept > 0 && kept <= cutAt, `partial holds ${kept} bytes`);
    const root = repoFolder(t.home, tinyRepo);
    assert.ok(!(await listTree(root)).some((f) => f.startsWith('snapshots/') && f.endsWith(weightsFile)), 'no half file in the snapshot');
    assert.ok(!(await listTree(root)).includes('refs/main'));

    const events: DownloadProgress[] = [];
    const resolved = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch, progress: (e) => events.push(e) });
    const resumed = t.hub.requests.filter((r) => r.server === 'storage' && r.range !== undefined);
    assert.deepEqual(resumed.map((r) => r.range), [`bytes=${kept}-`]);
    assert.deepEqual(await readFile(path.join(resolved.dir, weightsFile)), weights);
    assert.deepEqual(resolved.downloaded, [weightsFile], 'the small files were already complete');
    assert.equal(events.find((e) => e.phase === 'start')?.resumedFrom, kept);
    assert.equal(events.at(-1)?.phase, 'done');
    assert.ok(!(await listTree(root)).some((f) => f.endsWith('.incomplete')));
  });

  it('resumes within the same call when retries allow', async () => {
    t.hub.cutNext(weightsFile, cutAt, 2);
    const resolved = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch, retries: 2 });
    const storage = t.hub.requests.filter((r) => r.server === 'storage' && r.url.includes(createHash('sha256').update(weights).digest('hex')));
    assert.equal(storage.length, 3);
    assert.equal(storage[0]?.range, undefined);
    assert.match(storage[1]?.range ?? '', /^bytes=\d+-$/);
    assert.deepEqual(await readFile(path.join(resolved.dir, weightsFile)), weights);
  });

  it('a server that ignores Range gets the file rewritten from the start, not appended to', async () => {
    t.hub.cutNext(weightsFile, cutAt);
    await assert.rejects(resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch, retries: 0 }));
    assert.ok((await stat(partial)).size > 0);
    t.hub.ignoreRanges();
    const resolved = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    assert.deepEqual(await readFile(path.join(resolved.dir, weightsFile)), weights);
  });

  it('a full disk (ENOSPC) says so and leaves nothing corrupt; the next run downloads cleanly', async () => {
    await assert.rejects(resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch, io: diskFullAfter(100_000) }), (e: unknown) => {
      assert.ok(e instanceof HubError && e.kind === 'diskFull', String(e));
      assert.match(e.message, /No space left/);
      assert.ok(e.message.includes(repoFolder(t.home, tinyRepo)));
      return true;
    });
    const tree = await listTree(repoFolder(t.home, tinyRepo));
    assert.ok(!tree.some((f) => f.endsWith('.incomplete')), tree.join(', '));
    assert.ok(!tree.some((f) => f.startsWith('snapshots/')), 'no snapshot links before every file is in');
    const resolved = await resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
    assert.deepEqual(await readFile(path.join(resolved.dir, weightsFile)), weights);
  });

  it('too little free space is refused before downloading anything', async () => {
    const io: CacheIo = { ...nodeCacheIo, freeBytes: async () => 1000 };
    await assert.rejects(resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch, io }), (e: unknown) => {
      assert.ok(e instanceof HubError && e.kind === 'diskFull', String(e));
      assert.match(e.message, /needs 2\.\d MB but only 0\.0 MB are free/);
      return true;
    });
    assert.equal(t.hub.requests.filter((r) => r.url.includes('/resolve/') || r.server === 'storage').length, 0);
  });

  for (const file of [weightsFile, 'config.json']) {
    it(`bytes that do not match the listing (${file}) are discarded, not cached`, async () => {
      t.hub.corrupt(file);
      await assert.rejects(resolveModelRef(tinyRepo, { files: tfjsFiles, env: t.env, fetch: t.fetch }), (e: unknown) => {
        assert.ok(e instanceof HubError && e.kind === 'integrity', String(e));
        assert.ok(e.message.includes(file));
        return true;
      });
      const tree = await listTree(repoFolder(t.home, tinyRepo));
      assert.ok(!tree.some((f) => f.endsWith('.incomplete') || f.startsWith('snapshots/')), tree.join(', '));
    });
  }
});
