import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { DatasetError, HubError, UsageError } from '../../../src/errors/errors.js';
import { openHubDataset, type OpenHubDatasetOptions } from '../../../src/datasets/hub/openHubDataset.js';
import { scamColumns, scamRows, tinyPng, writeParquetFixture, writeReadme, type ScamRow } from '../../helpers/parquetFixtures.js';
import { setUpHub, type HubTest } from '../../hub/hubTestSetup.js';

const scam = 'BLISS-e-V/SCAM';
const parquetPath = 'data/train-00000-of-00001.parquet';
const scamMapping = { label: 'object_label', attackText: 'attack_word' } as const;
const mainRows = scamRows(11);
const v1Rows = scamRows(4, 100);

async function readJsonl(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** What the manifest line of a SCAM row must be, written out from the row (not by the code under test). */
function expectedLine(row: ScamRow): Record<string, unknown> {
  return {
    path: `images/${row.id}.png`,
    label: row.object_label,
    ...(row.attack_word === null ? {} : { attack_text: row.attack_word }),
    attributes: { type: row.type, ...(row.postit_area_pct === null ? {} : { postit_area_pct: row.postit_area_pct }), id: row.id },
  };
}

describe('openHubDataset: a hub dataset repository as a local dataset', () => {
  let fixtures: string;
  let cacheDir: string;
  let t: HubTest;
  let groups: number;
  const repoDir = (name: string) => path.join(fixtures, name);
  const open = (ref: string, options: Partial<OpenHubDatasetOptions> = {}) =>
    openHubDataset(ref, { cacheDir, env: t.env, fetch: t.fetch, columns: scamMapping, onRowGroup: () => void groups++, ...options });

  before(async () => {
    fixtures = await mkdtemp(path.join(os.tmpdir(), 'stroop-hub-datasets-'));
    writeReadme(repoDir('main'));
    writeParquetFixture(path.join(repoDir('main'), parquetPath), scamColumns(mainRows), { rowGroupSize: 4 });
    writeReadme(repoDir('v1'));
    writeParquetFixture(path.join(repoDir('v1'), parquetPath), scamColumns(v1Rows));

    writeReadme(repoDir('csv'));
    writeFileSync(path.join(repoDir('csv'), 'data.csv'), 'image,label\n');
    writeReadme(repoDir('configs'), 'configs:\n- config_name: default\n  data_files:\n  - split: holdout\n    path: "extra/**"');
    writeParquetFixture(path.join(repoDir('configs'), 'extra', 'part', 'x.parquet'), scamColumns(scamRows(2, 50)));
    writeParquetFixture(path.join(repoDir('configs'), parquetPath), scamColumns(scamRows(3)));

    // Labels as a ClassLabel INT64 column, images as a plain binary column, ids that need care.
    const labels = [0n, 1n, null, 1n, -1n];
    writeParquetFixture(
      path.join(repoDir('labels'), 'train.parquet'),
      [
        { name: 'image', kind: 'binary', data: [tinyPng(1), tinyPng(2), tinyPng(3), null, tinyPng(5)] },
        { name: 'label', kind: 'int64', data: labels },
        { name: 'big', kind: 'int64', data: [2n ** 60n, 7n, 8n, 9n, 10n] },
        { name: 'id', kind: 'string', data: ['a/b', 'dup', 'dup', 'x', '..'] },
      ],
      { classLabels: { label: ['cat', 'dog'] }, rowGroupSize: 2 },
    );
    writeParquetFixture(path.join(repoDir('external'), 'train.parquet'), [
      { name: 'image', kind: 'image', data: [{ bytes: tinyPng(1), path: null }, { bytes: null, path: 'photos/2.jpg' }] },
      { name: 'label', kind: 'string', data: ['cat', 'dog'] },
    ]);
  });
  after(async () => rm(fixtures, { recursive: true, force: true }));

  beforeEach(async () => {
    t = await setUpHub({
      repos: {},
      datasets: {
        [scam]: { revisions: { main: repoDir('main'), v1: repoDir('v1') } },
        'stroop-test/csv-only': { revisions: { main: repoDir('csv') } },
        'stroop-test/configs': { revisions: { main: repoDir('configs') } },
        'stroop-test/labels': { revisions: { main: repoDir('labels') } },
        'stroop-test/external': { revisions: { main: repoDir('external') } },
      },
    });
    cacheDir = path.join(t.home, 'stroop-cache');
    groups = 0;
  });
  afterEach(async () => t.dispose());

  it('extracts SCAM: images byte for byte, labels, attack texts and attributes in a JSON Lines manifest', async () => {
    const opened = await open(scam);
    const commit = t.hub.commitOf(scam, 'main');
    assert.equal(opened.root, path.join(cacheDir, 'hub-datasets', 'BLISS-e-V--SCAM', commit, 'train'));
    assert.match(path.basename(opened.manifest), /^manifest-[0-9a-f]{12}\.jsonl$/);
    assert.equal(path.dirname(opened.manifest), opened.root);
    assert.deepEqual([opened.id, opened.revision, opened.commit, opened.split], [scam, 'main', commit, 'train']);
    assert.deepEqual([opened.rows, opened.skippedRows], [mainRows.length, 0]);
    assert.deepEqual(opened.columns, ['image', 'type', 'object_label', 'attack_word', 'postit_area_pct', 'id']);
    assert.equal(groups, 3, 'read one row group of 4 rows at a time');

    const lines = await readJsonl(opened.manifest);
    assert.deepEqual(lines, mainRows.map(expectedLine));
    for (const row of mainRows) assert.deepEqual(await readFile(path.join(opened.root, 'images', `${row.id}.png`)), Buffer.from(row.image ?? []), row.id);

    const rows = await readJsonl(path.join(opened.root, 'rows.jsonl'));
    assert.deepEqual(rows[1], { image: `images/${mainRows[1]?.id}.png`, type: 'NoSCAM', object_label: mainRows[1]?.object_label, attack_word: null, postit_area_pct: null, id: mainRows[1]?.id });
    assert.deepEqual((await readdir(path.join(opened.root, 'images'))).length, mainRows.length);
  });

  it('a second open makes no request and extracts nothing; a new mapping only writes a new manifest', async () => {
    const first = await open(scam);
    const requests = t.hub.requests.length;
    groups = 0;
    const second = await open(scam);
    assert.deepEqual(second, first);
    const other = await open(scam, { columns: { label: 'type' } });
    assert.equal(t.hub.requests.length, requests);
    assert.equal(groups, 0);
    assert.notEqual(other.manifest, first.manifest);
    const lines = await readJsonl(other.manifest);
    assert.deepEqual(lines[0], { path: `images/${mainRows[0]?.id}.png`, label: 'SCAM', attributes: { object_label: 'cup', attack_word: 'cat', postit_area_pct: 1.5, id: 'SCAM_img_0001' } });
  });

  it('opens a revision (@v1) at its own commit', async () => {
    const opened = await open(`${scam}@v1`);
    assert.equal(opened.commit, t.hub.commitOf(scam, 'v1'));
    assert.notEqual(opened.commit, t.hub.commitOf(scam, 'main'));
    assert.equal(opened.revision, 'v1');
    assert.deepEqual(await readJsonl(opened.manifest), v1Rows.map(expectedLine));
  });

  it('offline: without a cache a HubError and no request; with a complete extraction, no request at all', async () => {
    await assert.rejects(open(scam, { offline: true }), (e: unknown) => e instanceof HubError && e.kind === 'offlineMissing' && /^Dataset 'BLISS-e-V\/SCAM'/.test(e.message));
    assert.equal(t.fetched.length, 0);
    const online = await open(scam);
    const fetched = t.fetched.length;
    groups = 0;
    const offline = await open(scam, { env: { ...t.env, HF_HUB_OFFLINE: '1' } });
    assert.deepEqual(offline, online);
    assert.equal(t.fetched.length, fetched);
    assert.equal(groups, 0);
  });

  it('offline extracts from the hub cache when only the extraction is missing', async () => {
    const online = await open(scam);
    await rm(path.join(cacheDir, 'hub-datasets'), { recursive: true });
    const fetched = t.fetched.length;
    const offline = await open(scam, { offline: true });
    assert.equal(t.fetched.length, fetched);
    assert.deepEqual(await readJsonl(offline.manifest), await readJsonl(online.manifest));
  });

  it('a mapped column the files lack is a DatasetError naming the repo and listing the columns found', async () => {
    await assert.rejects(open(scam, { columns: {} }), (e: unknown) => {
      assert.ok(e instanceof DatasetError, String(e));
      assert.match(e.message, /^Dataset 'BLISS-e-V\/SCAM' \(commit [0-9a-f]{7}, split train\) has no column 'label' \(asked for as the label\); columns found: image, type, object_label, attack_word, postit_area_pct, id\.$/);
      return true;
    });
    await assert.rejects(open(scam, { columns: { label: 'object_label', attackText: 'word' } }), /no column 'word' \(asked for as the attack text\)/);
    await assert.rejects(open(scam, { columns: { label: 'image' } }), /column 'image' \(asked for as the label\) holds no text or numbers/);
  });

  it('an unknown split is a DatasetError listing the splits found; a split name that is no name is a UsageError', async () => {
    await assert.rejects(open(scam, { split: 'test' }), (e: unknown) => {
      assert.ok(e instanceof DatasetError, String(e));
      assert.match(e.message, /^Dataset 'BLISS-e-V\/SCAM' \(commit [0-9a-f]{7}\) has no split 'test'; splits found \(by file names\): train\.$/);
      return true;
    });
    await assert.rejects(open(scam, { split: '../x' }), UsageError);
  });

  it('a repository without Parquet files is a DatasetError naming the repo, the commit and the extensions found', async () => {
    const commit = t.hub.commitOf('stroop-test/csv-only', 'main').slice(0, 7);
    await assert.rejects(open('stroop-test/csv-only'), (e: unknown) => {
      assert.ok(e instanceof DatasetError, String(e));
      assert.equal(e.message, `Dataset 'stroop-test/csv-only' (commit ${commit}) has no .parquet files; stroop reads only Parquet (found .csv, .md).`);
      return true;
    });
  });

  it("follows README.md's configs to the split's files, and downloads no other Parquet file", async () => {
    const opened = await open('stroop-test/configs', { split: 'holdout' });
    assert.deepEqual(await readJsonl(opened.manifest), scamRows(2, 50).map(expectedLine));
    assert.ok(!t.hub.requests.some((r) => r.url.endsWith(parquetPath)), 'the default split was not downloaded');
    await assert.rejects(open('stroop-test/configs'), /has no split 'train'; splits found \(by README\.md configs\): holdout/);
  });

  it('ClassLabel ints become names, big INT64 stays exact, rows without a label or image are skipped and counted, ids are made safe and unique', async () => {
    const opened = await open('stroop-test/labels', { columns: {} });
    assert.deepEqual([opened.rows, opened.skippedRows], [2, 3]);
    assert.deepEqual(await readJsonl(opened.manifest), [
      { path: 'images/a_b.png', label: 'cat', attributes: { big: '1152921504606846976', id: 'a/b' } },
      { path: 'images/dup.png', label: 'dog', attributes: { big: 7, id: 'dup' } },
    ]);
    const rows = await readJsonl(path.join(opened.root, 'rows.jsonl'));
    assert.deepEqual(rows.map((r) => r['image']), ['images/a_b.png', 'images/dup.png', 'images/dup-2.png', null, 'images/00004.png']);
    assert.deepEqual(rows.map((r) => r['label']), ['cat', 'dog', null, 'dog', null]);
    assert.deepEqual(await readFile(path.join(opened.root, 'images', '00004.png')), tinyPng(5));
  });

  it('names images by another column in a folder of its own', async () => {
    const opened = await open('stroop-test/labels', { columns: { id: 'big' } });
    assert.equal(path.basename(opened.root), 'train.by-big');
    const rows = await readJsonl(path.join(opened.root, 'rows.jsonl'));
    assert.deepEqual(rows.map((r) => r['image']), ['images/1152921504606846976.png', 'images/7.png', 'images/8.png', null, 'images/10.png']);
  });

  it('refuses an image stored only as an external path, leaving nothing behind', async () => {
    await assert.rejects(open('stroop-test/external', { columns: {} }), (e: unknown) => {
      assert.ok(e instanceof DatasetError, String(e));
      assert.match(e.message, /row 1 \(of 'train\.parquet'\) has no image bytes, only the path 'photos\/2\.jpg'/);
      return true;
    });
    const commitDir = path.join(cacheDir, 'hub-datasets', 'stroop-test--external', t.hub.commitOf('stroop-test/external', 'main'));
    assert.deepEqual(await readdir(commitDir), []);
  });

  it('an extraction killed part-way is not taken as complete: the next open removes it and extracts afresh', async () => {
    const entry = fileURLToPath(new URL('../../../src/datasets/hub/openHubDataset.js', import.meta.url));
    const script = `
      const { openHubDataset } = await import(${JSON.stringify(entry)});
      await openHubDataset(${JSON.stringify(scam)}, {
        cacheDir: ${JSON.stringify(cacheDir)}, env: ${JSON.stringify(t.env)}, columns: ${JSON.stringify(scamMapping)},
        onRowGroup: () => { process.stdout.write('paused\\n'); setInterval(() => {}, 1000); return new Promise(() => {}); },
      });
      process.stdout.write('finished\\n');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const output = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text);
      });
      child.on('exit', () => resolve(text));
    });
    assert.equal(output, 'paused\n');
    const commitDir = path.join(cacheDir, 'hub-datasets', 'BLISS-e-V--SCAM', t.hub.commitOf(scam, 'main'));
    const [temporary, ...others] = await readdir(commitDir);
    assert.deepEqual(others, []);
    assert.match(temporary ?? '', /^\.train\.\d+\.[0-9a-f]+\.tmp$/);
    assert.equal((await readdir(path.join(commitDir, temporary ?? '', 'images'))).length, 4, 'one row group was written');
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(undefined)));

    const opened = await open(scam);
    assert.equal(groups, 3, 'extracted afresh');
    assert.deepEqual(await readdir(commitDir), ['train']);
    assert.deepEqual(await readJsonl(opened.manifest), mainRows.map(expectedLine));
  });
});
