import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { benchRunMemory } from '../../src/bench/benchRunMemory.js';
import { benchRunnerOverhead } from '../../src/bench/benchRunnerOverhead.js';
import { tinyOnnxModel, type BenchModel } from '../../src/bench/benchSuite.js';
import { runCli } from '../helpers/runCli.js';
import { chunkBatches } from '../../src/run/runSuite.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-benchrunner-${name}-`));

describe('runner benchmarks (tiny ONNX model, a few synthetic samples)', () => {
  let model: BenchModel;
  before(async () => {
    model = { dir: await tinyOnnxModel(path.join(tmp('model'), 'm')), engine: 'onnx', dtype: 'fp32', device: 'cpu', threads: 1 };
  });

  it('overhead counts every clean and attacked image a suite run embeds and pairs each round with an engine-only one', async () => {
    const rounds: number[] = [];
    const report = await benchRunnerOverhead({ model, batch: 4, samples: 6, presets: ['openai-sticker', 'defense-prefix'], rounds: 2, workDir: tmp('overhead'), onRound: (r) => rounds.push(r) });
    assert.deepEqual(rounds, [1, 2]);
    assert.deepEqual(report.runs.map((r) => r.images), [18, 18], '6 samples x (clean + 2 attacks), each embedded in its own fresh cache');
    for (const s of [report.engineImagesPerSecond, report.runImagesPerSecond, report.ratio]) assert.ok(s.min > 0 && s.min <= s.median && s.median <= s.max);
    assert.ok(report.wholeRatio.median <= report.ratio.median, 'setup only adds time');
  });

  it('memory samples RSS after every chunk of samples and fits its growth', async () => {
    const report = await benchRunMemory({ model, batch: 8, samples: 40, images: 5, size: 32, presets: ['openai-sticker'], workDir: tmp('memory'), intervalMs: 50 });
    assert.equal(report.rows, 80);
    assert.equal(report.points.length, 1 + Math.ceil(40 / (8 * chunkBatches)), 'one point before the first chunk and one after each');
    assert.ok(report.peakRssMb >= report.startRssMb && Number.isFinite(report.slopeMbPer10k));
    // Linux reports the kernel's peaks too (not compared: a worker thread's exit can settle the counters either way).
    if (fs.existsSync('/proc/self/status')) assert.ok((report.processPeakRssMb ?? 0) >= report.startRssMb && (report.reportsPeakRssMb ?? 0) > 0);
  });

  it('stroop bench --runner warm re-runs a suite with a warm cache into the same results', async () => {
    const workDir = tmp('warm');
    const result = await runCli(['bench', '--runner', 'warm', '--batch', '4', '--samples', '6', '--runs', '1', '--work-dir', workDir, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { check: string; identical: boolean; coldSeconds: number; warmSeconds: { median: number } };
    assert.equal(report.check, 'warm');
    assert.equal(report.identical, true);
    assert.ok(report.coldSeconds > 0 && report.warmSeconds.median > 0);
    assert.ok(fs.existsSync(path.join(workDir, 'warm-1', 'results.jsonl')), '--work-dir is kept');
  });
});
