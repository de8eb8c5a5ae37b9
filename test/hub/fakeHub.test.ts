import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setUpHub, tinyRepo, type HubTest } from './hubTestSetup.js';

/** What Python's huggingface_hub needs from `HEAD /{repo}/resolve/{revision}/{file}` before it downloads. */
interface HfFileMetadata {
  readonly status: number;
  readonly commitHash: string | null;
  readonly etag: string | null;
  readonly location: string;
  readonly size: number | null;
}

/**
 * `get_hf_file_metadata` as huggingface_hub does it: HEAD without following redirects, except
 * relative ones (a renamed repo); the commit from `X-Repo-Commit`, the etag from `X-Linked-Etag`
 * or `ETag` (quotes and `W/` dropped), the size from `X-Linked-Size` or `Content-Length`, and the
 * download URL from `Location`. It refuses a file whose commit, etag or size is missing
 * ("Distant resource does not seem to be on huggingface.co").
 */
async function hfFileMetadata(fetch: typeof globalThis.fetch, url: string): Promise<HfFileMetadata> {
  let current = new URL(url);
  for (;;) {
    const response = await fetch(current, { method: 'HEAD', redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null && !/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !location.startsWith('//')) {
      current = new URL(location, current);
      continue;
    }
    const header = (name: string) => response.headers.get(name);
    const etag = header('x-linked-etag') ?? header('etag');
    const size = header('x-linked-size') ?? header('content-length');
    return {
      status: response.status,
      commitHash: header('x-repo-commit'),
      etag: etag === null ? null : etag.replace(/^W\//, '').replace(/^"|"$/g, ''),
      location: location ?? current.href,
      size: size === null ? null : Number(size),
    };
  }
}

describe('fake hub: HEAD /resolve answers as the real hub does for huggingface_hub', () => {
  let t: HubTest;
  beforeEach(async () => (t = await setUpHub()));
  afterEach(async () => t.dispose());

  for (const revision of ['main', 'v1']) {
    it(`an LFS file at ${revision} (and at its commit): a 302 to storage carrying X-Repo-Commit, X-Linked-Etag and X-Linked-Size`, async () => {
      const commit = t.hub.commitOf(tinyRepo, revision);
      const file = t.hub.filesOf(tinyRepo, revision).find((f) => f.path === 'model.safetensors');
      assert.ok(file?.sha256 !== undefined, 'model.safetensors is served as an LFS file');
      for (const rev of [revision, commit]) {
        const meta = await hfFileMetadata(t.fetch, `${t.hub.url}/${tinyRepo}/resolve/${rev}/model.safetensors`);
        assert.equal(meta.status, 302);
        assert.equal(meta.commitHash, commit, 'X-Repo-Commit on the 302');
        assert.equal(meta.etag, file.sha256, 'X-Linked-Etag: the sha256 of the LFS object');
        assert.equal(meta.size, file.bytes.length, 'X-Linked-Size');
        assert.ok(meta.location.startsWith(`${t.hub.storageUrl}/`), `${meta.location} is on the storage server`);
        const body = Buffer.from(await (await t.fetch(meta.location)).arrayBuffer());
        assert.equal(createHash('sha256').update(body).digest('hex'), meta.etag);
      }
    });
  }

  it('a git (non-LFS) file: a 200 with X-Repo-Commit, ETag (its git blob id) and Content-Length', async () => {
    const commit = t.hub.commitOf(tinyRepo, 'main');
    const file = t.hub.filesOf(tinyRepo, 'main').find((f) => f.path === 'config.json');
    assert.ok(file !== undefined && file.sha256 === undefined);
    const meta = await hfFileMetadata(t.fetch, `${t.hub.url}/${tinyRepo}/resolve/main/config.json`);
    assert.deepEqual(meta, { status: 200, commitHash: commit, etag: file.gitOid, location: `${t.hub.url}/${tinyRepo}/resolve/main/config.json`, size: file.bytes.length });
  });

  it('a missing file: 404 with X-Error-Code EntryNotFound', async () => {
    const response = await t.fetch(`${t.hub.url}/${tinyRepo}/resolve/main/nope.bin`, { method: 'HEAD', redirect: 'manual' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-error-code'), 'EntryNotFound');
  });
});
