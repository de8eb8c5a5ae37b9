import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveAttackRef } from '../../src/attacks/presets/loadPreset.js';
import { parseAttackSpec } from '../../src/attacks/attackSpec.js';
import { RunError } from '../../src/errors/errors.js';
import { writeRunReports } from '../../src/reports/writeRunReports.js';
import { mergeRuns } from '../../src/results/mergeRuns.js';
import { readResultLog } from '../../src/results/resultLog.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite } from '../../src/run/runSuite.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${name}-`));

function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    name: 'test',
    models: [{ id: 'tiny', ref: fixturePath('clip-tiny'), engine: 'onnx', dtype: 'fp32', device: 'cpu' }],
    datasets: [{ id: 'tiny', spec: { root: path.join(repoRoot, 'datasets', 'tiny'), manifest: 'manifest.csv' }, classes: 'labels' }],
    templates: ['a photo of a {}.'],
    attacks: [
      { id: 'sticker', attack: resolveAttackRef('openai-sticker'), n: 2, seed: 7 },
      { id: 'formula', attack: { kind: 'spec', spec: parseAttackSpec({ text: '=HYPERLINK("http://x")' }, 'inline'), file: 'inline' }, n: 1, seed: 0 },
    ],
    batch: 4,
    topK: 3,
    shard: { index: 1, count: 1 },
    ...overrides,
  };
}

async function runInto(outDir: string, p: RunPlan, cache: string) {
  const result = await runSuite(p, { outDir, cacheDir: cache, maxPixels: 1e8 });
  writeRunReports(outDir, result.manifest, result.logFile);
  return result;
}

const metricsOf = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { metrics: unknown }).metrics;
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('runSuite', () => {
  it('writes one row per sample x (clean + every attack draw), and reports that match the log', async () => {
    const out = tmp('run');
    const result = await runInto(out, plan(), tmp('cache'));
    const rows = [...readResultLog(result.logFile)];
    assert.equal(rows.length, 20 * (1 + 2 + 1));
    assert.equal(result.rowsWritten, rows.length);
    assert.ok(rows.every((r) => r.kind === 'scored'));
    const sticker = rows.filter((r) => r.attackId === 'sticker' && r.kind === 'scored');
    assert.equal(new Set(sticker.map((r) => (r.kind === 'scored' ? r.renderHash : ''))).size, 40, 'every draw renders a different image');
    assert.equal(read(out, 'samples.csv').trim().split('\n').length, rows.length + 1);
  });

  it('neutralises formula-like attack texts in the CSV', async () => {
    const out = tmp('csv');
    await runInto(out, plan({ attacks: [plan().attacks[1]!] }), tmp('cache'));
    const csv = read(out, 'samples.csv');
    assert.ok(csv.includes(`'=HYPERLINK`), 'the formula is prefixed with a quote');
    assert.ok(!/(^|,)=HYPERLINK/m.test(csv), 'no cell starts with =');
  });

  it('resumes a log cut at any point to the same report as an uninterrupted run', async () => {
    const cache = tmp('cache');
    const whole = tmp('whole');
    await runInto(whole, plan(), cache);
    const cut = tmp('cut');
    await runInto(cut, plan(), tmp('cache2'));
    const log = path.join(cut, 'results.jsonl');
    const bytes = fs.readFileSync(log);
    fs.writeFileSync(log, bytes.subarray(0, Math.floor(bytes.length * 0.37)));
    const resumed = await runInto(cut, plan(), cache);
    assert.ok(resumed.tornBytes > 0, 'the torn last line was detected');
    assert.ok(resumed.rowsSkipped > 0 && resumed.rowsWritten > 0);
    assert.deepEqual(metricsOf(cut), metricsOf(whole));
    assert.equal(read(cut, 'samples.csv'), read(whole, 'samples.csv'));
  });

  it('shards partition the samples; merging them equals the unsharded run', async () => {
    const cache = tmp('cache');
    const whole = tmp('whole');
    await runInto(whole, plan(), cache);
    const shards = [1, 2, 3].map((index) => tmp(`shard${index}`));
    for (const [i, dir] of shards.entries()) await runInto(dir, plan({ shard: { index: i + 1, count: 3 } }), cache);
    const merged = tmp('merged');
    const result = mergeRuns(shards, merged);
    assert.equal(result.duplicates, 0);
    writeRunReports(merged, result.manifest, result.logFile);
    assert.deepEqual(metricsOf(merged), metricsOf(whole));
    assert.equal(read(merged, 'samples.csv'), read(whole, 'samples.csv'));
    assert.throws(() => mergeRuns(shards.slice(0, 2), tmp('partial')), (e: unknown) => e instanceof RunError && /3\/3 are missing|Shards 3\/3/.test(e.message));
  });

  it('records bad samples as error outcomes and goes on', async () => {
    const root = tmp('data');
    const good = path.join(repoRoot, 'datasets', 'tiny', 'red circle', '0.png');
    fs.copyFileSync(good, path.join(root, 'ok.png'));
    fs.writeFileSync(path.join(root, 'broken.png'), 'not a png');
    fs.copyFileSync(good, path.join(root, 'other.png'));
    fs.writeFileSync(path.join(root, 'manifest.csv'), 'path,label\nok.png,red circle\nbroken.png,red circle\nmissing.png,red circle\nother.png,unicorn\nok.png,red circle\n');
    const out = tmp('errors');
    const p = plan({ datasets: [{ id: 'd', spec: { root, manifest: 'manifest.csv' }, classes: ['red circle', 'blue square'] }] });
    const result = await runInto(out, p, tmp('cache'));
    assert.deepEqual(result.duplicateSamples, ['d/ok.png']);
    const rows = [...readResultLog(result.logFile)];
    const stages = rows.filter((r) => r.kind === 'error').map((r) => (r.kind === 'error' ? r.stage : ''));
    assert.equal(stages.filter((s) => s === 'load').length, 2 * 4, 'broken and missing images: 4 rows each');
    assert.equal(stages.filter((s) => s === 'label').length, 4, 'unicorn is not a class');
    assert.equal(rows.filter((r) => r.kind === 'scored').length, 4);
    const summary = JSON.parse(read(out, 'summary.json')) as { metrics: { counts: { errors: { load: number; label: number } } } };
    assert.equal(summary.metrics.counts.errors.load, 8);
    assert.equal(summary.metrics.counts.errors.label, 4);
  });

  it('scores real-world attack images against their clean pairs, with the attack words in the class set', async () => {
    const p = plan({ attacks: [], datasets: [{ id: 'rw', spec: { root: path.join(repoRoot, 'datasets', 'tiny-written'), manifest: 'manifest.csv' }, classes: 'labels+attack-texts' }] });
    const result = await runInto(tmp('rw'), p, tmp('cache'));
    const rows = [...readResultLog(result.logFile)];
    const real = rows.filter((r) => r.attackId === 'real-world');
    assert.equal(real.length, 6);
    assert.equal(rows.filter((r) => r.attackId === 'clean').length, 6);
    const classes = result.manifest.classes['rw'] ?? [];
    assert.ok(classes.includes('iPod'), 'attack words join the class set');
    for (const r of real) {
      assert.equal(r.kind, 'scored');
      if (r.kind !== 'scored') continue;
      assert.equal(r.targetIndex, classes.indexOf(r.attackText ?? ''));
      assert.equal(r.params['paired'], true);
      assert.notEqual(r.renderHash, null);
    }
  });

  it('resumes a log whose rows were all appended twice (two runs at once, before locking), warning once', async () => {
    const out = tmp('doubled');
    const cache = tmp('cache');
    const first = await runInto(out, plan({ attacks: [] }), cache);
    assert.deepEqual(first.warnings, []);
    const log = read(out, 'results.jsonl');
    fs.writeFileSync(path.join(out, 'results.jsonl'), log + log);
    const again = await runInto(out, plan({ attacks: [] }), cache);
    assert.equal(again.rowsSkipped, 20);
    assert.equal(again.rowsWritten, 0);
    assert.equal(again.warnings.length, 1);
    assert.match(again.warnings[0] ?? '', /holds 20 rows twice/);
  });

  it('refuses an output directory that holds another suite', async () => {
    const out = tmp('other');
    await runInto(out, plan({ attacks: [] }), tmp('cache'));
    await assert.rejects(runSuite(plan(), { outDir: out, cacheDir: tmp('cache'), maxPixels: 1e8 }), (e: unknown) => e instanceof RunError && /another suite/.test(e.message));
  });
});
