import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readResultLog } from '../../src/results/resultLog.js';
import type { ScoredOutcome } from '../../src/results/outcome.js';
import { writeParquetFixture, writeReadme, type FixtureColumn } from '../helpers/parquetFixtures.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';
import { setUpHub, type HubTest } from '../hub/hubTestSetup.js';

/**
 * SCAM end to end, as a user runs it: a suite naming the hub dataset at the hub's Parquet
 * conversion (refs/convert/parquet, default/train/0000.parquet), protocol scam-binary, run by
 * the CLI against a fake hub on 127.0.0.1. The images are the tiny dataset's shapes.
 */
const repo = 'BLISS-e-V/SCAM';
const revision = 'refs/convert/parquet';
const shapes = ['red circle', 'blue square', 'yellow star'];
const rows = shapes.flatMap((shape, i) =>
  (['SCAM', 'NoSCAM', 'SynthSCAM'] as const).map((type, t) => ({
    id: `${type}_img_${String(i + 1).padStart(4, '0')}`,
    type,
    object_label: shape,
    attack_word: shapes[(i + 1) % shapes.length] as string,
    postit_area_pct: 1 + i + t / 10,
    image: fs.readFileSync(path.join(repoRoot, 'datasets', 'tiny', shape, `${t}.png`)),
  })),
);

/** One more SCAM row whose image bytes are no image: an error row of its own, the run goes on. */
const broken = { id: 'SCAM_img_0099', type: 'SCAM', object_label: 'red circle', attack_word: 'blue square', postit_area_pct: 2, image: Buffer.from('not an image at all') };
const allRows = [...rows, broken];

function columns(): FixtureColumn[] {
  const rows = allRows;
  return [
    { name: 'image', kind: 'image', data: rows.map((r) => ({ bytes: r.image, path: null })) },
    { name: 'type', kind: 'string', data: rows.map((r) => r.type) },
    { name: 'object_label', kind: 'string', data: rows.map((r) => r.object_label) },
    { name: 'attack_word', kind: 'string', data: rows.map((r) => r.attack_word) },
    { name: 'postit_area_pct', kind: 'double', data: rows.map((r) => r.postit_area_pct) },
    { name: 'id', kind: 'string', data: rows.map((r) => r.id) },
  ];
}

const suiteText = (extra = '') => `name: scam-test
protocol: scam-binary
models:
  - id: tiny
    path: ${JSON.stringify(fixturePath('clip-tiny'))}
    engine: onnx
datasets:
  - id: scam
    hf: ${repo}@${revision}
    columns: {label: object_label, attackText: attack_word, id: id}
    breakdown: [type, postit_area_pct]
${extra}topK: 2
batch: 4
`;

describe('a hub dataset in a suite (stroop run, protocol scam-binary)', () => {
  let t: HubTest;
  let work: string;
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-hub-run-'));
    const converted = path.join(work, 'converted');
    writeReadme(converted);
    writeParquetFixture(path.join(converted, 'default', 'train', '0000.parquet'), columns(), { rowGroupSize: 4 });
    t = await setUpHub({ repos: {}, datasets: { [repo]: { revisions: { [revision]: converted } } } });
  });
  after(async () => {
    await t.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const env = () => ({ ...t.env, STROOP_CACHE_DIR: path.join(work, 'stroop-cache') });

  it('downloads and extracts the split once, scores every image two ways, and reports per type and as SCAM does', async () => {
    const suite = path.join(work, 'scam.yaml');
    fs.writeFileSync(suite, suiteText());
    const out = path.join(work, 'out');
    const run = await runCli(['run', suite, '--out', out], { env: env() });
    assert.equal(run.code, 0, run.stderr);

    const log = [...readResultLog(path.join(out, 'results.jsonl'))];
    const scored = log.filter((r): r is ScoredOutcome => r.kind === 'scored' && r.attackId === 'real-world');
    assert.equal(scored.length, rows.length);
    const errors = log.filter((r) => r.kind === 'error');
    assert.deepEqual(errors.map((r) => [r.sampleId, r.attackId, r.kind === 'error' ? r.stage : '']), [['scam/images/SCAM_img_0099.bin', 'real-world', 'load']]);
    for (const row of rows) {
      const outcome = scored.find((o) => o.attributes?.id === row.id);
      assert.ok(outcome, row.id);
      assert.deepEqual(outcome.attacked.map((c) => c.label).sort(), [row.object_label, row.attack_word].sort());
      assert.deepEqual(outcome.params, { type: row.type, postit_area_pct: row.postit_area_pct, paired: false });
    }

    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
      protocol: { name: string };
      datasets: { hub?: { id: string; revision: string; commit: string; split: string } }[];
      typeComparison: Record<string, { byType: Record<string, { n: number }>; pairs: { from: string; to: string; n: number }[] }>;
    };
    assert.equal(summary.protocol.name, 'scam-binary');
    assert.deepEqual(summary.datasets[0]?.hub, { id: repo, revision, commit: t.hub.commitOf(repo, revision), split: 'train' });
    assert.deepEqual(Object.fromEntries(Object.entries(summary.typeComparison.tiny?.byType ?? {}).map(([k, v]) => [k, v.n])), { NoSCAM: 3, SCAM: 3, SynthSCAM: 3 });
    assert.equal(summary.typeComparison.tiny?.pairs.find((p) => p.from === 'NoSCAM' && p.to === 'SCAM')?.n, 3);
    const csv = fs.readFileSync(path.join(out, 'scam-tiny.csv'), 'utf8').trim().split('\n');
    assert.equal(csv.length, rows.length + 1);
    assert.ok(csv.slice(1).every((line) => /^(SCAM|NoSCAM|SynthSCAM),(SCAM|NoSCAM|SynthSCAM)_img_000\d,/.test(line)), csv.join('\n'));

    // A second run, offline, needs no request: the extraction is in stroop's cache.
    const requests = t.hub.requests.length;
    const again = await runCli(['run', suite, '--out', path.join(work, 'out2'), '--offline'], { env: env() });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(t.hub.requests.length, requests);
  });

  it('refuses a mapping to a column the files lack (exit 2, listing the columns found)', async () => {
    const suite = path.join(work, 'bad.yaml');
    fs.writeFileSync(suite, suiteText().replace('label: object_label', 'label: object'));
    const run = await runCli(['run', suite, '--out', path.join(work, 'bad-out')], { env: env() });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /object_label/);
    assert.match(run.stderr, /'object'/);
  });

  it('keeps only the types `where` names', async () => {
    const suite = path.join(work, 'where.yaml');
    fs.writeFileSync(suite, suiteText('    where: {type: [SCAM, NoSCAM]}\n'));
    const out = path.join(work, 'where-out');
    const run = await runCli(['run', suite, '--out', out], { env: env() });
    assert.equal(run.code, 0, run.stderr);
    const types = new Set([...readResultLog(path.join(out, 'results.jsonl'))].flatMap((r) => (r.kind === 'scored' ? [r.attributes?.type] : [])));
    assert.deepEqual([...types].sort(), ['NoSCAM', 'SCAM']);
  });
});
