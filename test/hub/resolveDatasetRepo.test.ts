import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { HubError, UsageError, type HubErrorKind } from '../../src/errors/errors.js';
import { resolveDatasetRepo } from '../../src/hub/resolveDatasetRepo.js';
import { scamColumns, scamRows, writeParquetFixture, writeReadme } from '../helpers/parquetFixtures.js';
import { fixturePath } from '../helpers/paths.js';
import { allowedToken, listTree, setUpHub, tinyRepo, type HubTest } from './hubTestSetup.js';

const datasetRepo = 'BLISS-e-V/SCAM';
const gatedDataset = 'stroop-test/gated-set';
const parquetPath = 'data/train-00000-of-00001.parquet';
const everything = (files: readonly string[]) => files;

function hubError(kind: HubErrorKind, ...patterns: RegExp[]) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof HubError, String(e));
    assert.equal(e.kind, kind, e.message);
    assert.ok(!e.message.includes('\n'), 'one line');
    for (const p of patterns) assert.match(e.message, p);
    return true;
  };
}

describe('resolveDatasetRepo against a local fake hub', () => {
  let fixtures: string;
  let t: HubTest;
  before(async () => {
    fixtures = await mkdtemp(path.join(os.tmpdir(), 'stroop-dataset-repo-'));
    writeReadme(path.join(fixtures, 'main'));
    writeParquetFixture(path.join(fixtures, 'main', parquetPath), scamColumns(scamRows(5)));
  });
  after(async () => rm(fixtures, { recursive: true, force: true }));
  beforeEach(async () => {
    t = await setUpHub({
      repos: { [tinyRepo]: { revisions: { main: fixturePath('clip-tiny') } } },
      datasets: {
        [datasetRepo]: { revisions: { main: path.join(fixtures, 'main') } },
        [gatedDataset]: { revisions: { main: path.join(fixtures, 'main') }, allowedTokens: [allowedToken] },
      },
    });
  });
  afterEach(async () => t.dispose());

  it('downloads into datasets--org--name from the dataset endpoints, the Parquet file as LFS, byte for byte', async () => {
    const resolved = await resolveDatasetRepo(datasetRepo, { files: everything, env: t.env, fetch: t.fetch });
    const commit = t.hub.commitOf(datasetRepo, 'main');
    const root = path.join(t.home, 'hub', 'datasets--BLISS-e-V--SCAM');
    assert.equal(resolved.dir, path.join(root, 'snapshots', commit));
    assert.deepEqual([resolved.id, resolved.revision, resolved.commit], [datasetRepo, 'main', commit]);
    assert.deepEqual([...resolved.downloaded].sort(), ['README.md', parquetPath]);
    const expected = await readFile(path.join(fixtures, 'main', parquetPath));
    assert.deepEqual(await readFile(path.join(resolved.dir, parquetPath)), expected);
    const sha = createHash('sha256').update(expected).digest('hex');
    assert.equal(await readlink(path.join(resolved.dir, parquetPath)), path.join('..', '..', '..', 'blobs', sha));
    assert.equal(await readFile(path.join(root, 'refs', 'main'), 'utf8'), commit);

    const hubPaths = t.hub.requests.filter((r) => r.server === 'hub').map((r) => new URL(r.url, t.hub.url).pathname);
    assert.ok(hubPaths.some((p) => p.startsWith(`/api/datasets/${datasetRepo}/revision/`)), hubPaths.join(' '));
    assert.ok(hubPaths.some((p) => p.startsWith(`/api/datasets/${datasetRepo}/tree/`)), hubPaths.join(' '));
    assert.ok(hubPaths.includes(`/datasets/${datasetRepo}/resolve/${commit}/${parquetPath}`), hubPaths.join(' '));
    assert.ok(t.hub.requests.some((r) => r.server === 'storage'), 'the Parquet file came through the LFS redirect');
    assert.deepEqual(await listTree(path.join(t.home, 'hub', `models--${datasetRepo.replace('/', '--')}`)), []);
  });

  it('a second call is served from the cache without any request', async () => {
    await resolveDatasetRepo(datasetRepo, { files: everything, env: t.env, fetch: t.fetch });
    const seen = t.hub.requests.length;
    const again = await resolveDatasetRepo(datasetRepo, { files: everything, env: t.env, fetch: t.fetch });
    assert.equal(t.hub.requests.length, seen);
    assert.deepEqual(again.downloaded, []);
  });

  it('says "Dataset" where the model path says "Model"', async () => {
    const files = { files: everything, env: t.env, fetch: t.fetch };
    await assert.rejects(resolveDatasetRepo('stroop-test/no-such-set', files), hubError('notFound', /^Dataset 'stroop-test\/no-such-set' was not found on /, /HF_TOKEN/));
    await assert.rejects(resolveDatasetRepo(`${datasetRepo}@nope`, files), hubError('revisionNotFound', /^Dataset 'BLISS-e-V\/SCAM' has no revision 'nope'/));
    await assert.rejects(resolveDatasetRepo(gatedDataset, files), hubError('unauthorized', /^Dataset 'stroop-test\/gated-set' \(a gated repo\) needs a token/));
    await assert.rejects(resolveDatasetRepo(datasetRepo, { ...files, offline: true }), hubError('offlineMissing', /^Dataset 'BLISS-e-V\/SCAM' is not in the Hugging Face cache at .*datasets--BLISS-e-V--SCAM/));
    await assert.rejects(
      resolveDatasetRepo(datasetRepo, { ...files, files: () => ['missing.parquet'] }),
      hubError('missingFiles', /^Dataset 'BLISS-e-V\/SCAM' \(commit [0-9a-f]{7}\) cannot be used: missing\.parquet not found/),
    );
  });

  it('keeps model and dataset repositories apart: a model id is no dataset, a dataset id no model', async () => {
    await assert.rejects(resolveDatasetRepo(tinyRepo, { files: everything, env: t.env, fetch: t.fetch }), hubError('notFound', /^Dataset /));
    const { resolveModelRef } = await import('../../src/hub/resolveModelRef.js');
    await assert.rejects(resolveModelRef(datasetRepo, { files: everything, env: t.env, fetch: t.fetch }), hubError('notFound', /^Model .*not a local directory either/));
  });

  it('reads a gated dataset with an allowed HF_TOKEN', async () => {
    const resolved = await resolveDatasetRepo(gatedDataset, { files: everything, env: { ...t.env, HF_TOKEN: allowedToken }, fetch: t.fetch });
    assert.ok(resolved.downloaded.includes(parquetPath));
  });

  for (const ref of ['SCAM', 'a/b/c', 'org/na me', 'org/name@', 'org/name@../x', './local/folder', '']) {
    it(`a malformed reference '${ref}' is a UsageError naming it, with no request`, async () => {
      await assert.rejects(resolveDatasetRepo(ref, { files: everything, env: t.env, fetch: t.fetch }), (e: unknown) => {
        assert.ok(e instanceof UsageError, String(e));
        assert.ok(e.message.includes(`'${ref}'`) || ref === '', e.message);
        assert.match(e.message, /org\/name\[@revision\]/);
        return true;
      });
      assert.equal(t.fetched.length, 0);
    });
  }
});
