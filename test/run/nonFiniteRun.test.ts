import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAttackSpec } from '../../src/attacks/attackSpec.js';
import { readResultLog } from '../../src/results/resultLog.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite } from '../../src/run/runSuite.js';
import { patchedModel } from '../engines/patchedModel.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-nonfinite-${name}-`));

function plan(modelDir: string): RunPlan {
  return {
    name: 'nonfinite',
    models: [{ id: 'nan', ref: modelDir, engine: 'tfjs', dtype: 'fp32', device: 'cpu' }],
    datasets: [{ id: 'tiny', spec: { root: path.join(repoRoot, 'datasets', 'tiny'), manifest: 'manifest.csv' }, classes: 'labels' }],
    templates: ['a photo of a {}.'],
    attacks: [{ id: 'word', attack: { kind: 'spec', spec: parseAttackSpec({ text: 'iPod' }, 'inline'), file: 'inline' }, n: 1, seed: 0 }],
    batch: 8,
    topK: 3,
    shard: { index: 1, count: 1 },
  };
}

describe('a model that outputs NaN, in a run', () => {
  it('gives error rows (stage embed) for images it cannot embed, in a log that reads back and resumes', async () => {
    const model = patchedModel('clip-tiny', { 'visual_projection.weight': (v, i) => (i === 0 ? NaN : v) });
    const out = tmp('out');
    const cache = tmp('cache');
    const first = await runSuite(plan(model), { outDir: out, cacheDir: cache, maxPixels: 1e8 });
    const rows = [...readResultLog(first.logFile)];
    assert.equal(rows.length, 20 * 2);
    for (const row of rows) {
      assert.ok(row.kind === 'error' && row.stage === 'embed', JSON.stringify(row));
      assert.match(row.message, /vision tower gave a non-finite embedding/);
    }
    assert.doesNotMatch(fs.readFileSync(first.logFile, 'utf8'), /null/);
    const again = await runSuite(plan(model), { outDir: out, cacheDir: cache, maxPixels: 1e8 });
    assert.equal(again.rowsSkipped, rows.length);
    assert.equal(again.rowsWritten, 0);
  });

  it('stroop run refuses a model whose logit scale is NaN with exit 2, every time, writing no records', async () => {
    const dir = tmp('cli');
    const model = patchedModel('clip-tiny', { logit_scale: () => NaN });
    const suite = path.join(dir, 'suite.yaml');
    const datasetRoot = path.join(repoRoot, 'datasets', 'tiny');
    fs.writeFileSync(suite, ['name: nan', 'models:', `  - path: ${model}`, '    engine: tfjs', 'datasets:', `  - root: ${datasetRoot}`, 'attacks:', '  - preset: grid', ''].join('\n'));
    const out = path.join(dir, 'out');
    for (let attempt = 0; attempt < 2; attempt++) {
      const r = await runCli(['run', suite, '--out', out], { env: { STROOP_CACHE_DIR: path.join(dir, 'cache'), CI: 'true' } });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /logit_scale is NaN/);
      assert.doesNotMatch(r.stderr, /corrupt/);
    }
    const log = path.join(out, 'results.jsonl');
    assert.ok(!fs.existsSync(log) || fs.readFileSync(log, 'utf8') === '');
  });
});
