import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveAttackRef } from '../../src/attacks/presets/loadPreset.js';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import { formatSummaryTable } from '../../src/reports/format.js';
import { readResultLog } from '../../src/results/resultLog.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite } from '../../src/run/runSuite.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${name}-`));
const tiny = { root: path.join(repoRoot, 'datasets', 'tiny'), manifest: 'manifest.csv' };

describe("breakdown: [dataset]", () => {
  it("puts each row's dataset id among its params, so the reports compare datasets per attack", async () => {
    const plan: RunPlan = {
      name: 'two-sets',
      models: [{ id: 'clip', ref: fixturePath('clip-tiny'), engine: 'tfjs', dtype: 'fp32', device: 'cpu' }],
      datasets: [
        { id: 'first', spec: { ...tiny, split: 'dev' }, classes: 'labels', breakdown: ['dataset'] },
        { id: 'second', spec: tiny, classes: 'labels', breakdown: ['dataset'] },
        { id: 'third', spec: tiny, classes: 'labels' },
      ],
      templates: ['a photo of a {}.'],
      attacks: [{ id: 'sticker', attack: resolveAttackRef('openai-sticker'), n: 1, seed: 7 }],
      batch: 8,
      topK: 3,
      shard: { index: 1, count: 1 },
    };
    const result = await runSuite(plan, { outDir: tmp('breakdown'), cacheDir: tmp('cache'), maxPixels: 1e8 });
    const rows = [...readResultLog(result.logFile)].filter((r) => r.kind === 'scored');
    assert.ok(rows.length > 0);
    for (const row of rows) {
      if (row.kind !== 'scored') continue;
      const dataset = row.params?.['dataset'];
      assert.ok(dataset === undefined || dataset === 'first' || dataset === 'second', String(dataset));
    }
    const counts = { first: 0, second: 0, none: 0 };
    for (const row of rows) if (row.kind === 'scored' && row.attackId === 'sticker') counts[(row.params?.['dataset'] as 'first' | 'second' | undefined) ?? 'none']++;
    assert.ok(counts.first > 0 && counts.second > counts.first && counts.none === counts.second, JSON.stringify(counts));

    const metrics = summarizeOutcomes(rows);
    const curve = metrics.models['clip']?.attacks['sticker']?.byParam['dataset'];
    assert.ok(curve !== undefined);
    assert.deepEqual(curve.buckets.map((b) => [b.label, b.n]), [['first', counts.first], ['second', counts.second]]);
    assert.equal(curve.missing, counts.none, "the third dataset's rows carry no dataset param");

    const table = formatSummaryTable(metrics).split('\n');
    const line = (label: string) => table.find((l) => l.startsWith('clip') && l.includes(` ${label} `));
    assert.ok(line('sticker @ first')?.includes(String(counts.first)), table.join('\n'));
    assert.ok(line('sticker @ second')?.includes(String(counts.second)), table.join('\n'));
    assert.equal(table.find((l) => /^clip\s+sticker\s+\d/.test(l)), undefined, 'the pooled line gives way to the per-dataset ones');
    assert.ok(line('clean @ all datasets'), `the clean line says it pools the datasets:\n${table.join('\n')}`);

    const pooled = formatSummaryTable(summarizeOutcomes(rows.filter((r) => r.kind === 'scored' && r.params?.['dataset'] !== 'first'))).split('\n');
    assert.ok(pooled.some((l) => l.startsWith('clip') && /\ssticker\s+\d/.test(l)), 'one dataset left: one pooled line');
    assert.ok(pooled.some((l) => /^clip\s+clean\s+\d/.test(l)), 'one dataset left: a plain clean line');
  });
});
