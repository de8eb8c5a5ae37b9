import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveAttackRef } from '../../src/attacks/presets/loadPreset.js';
import { compareRuns } from '../../src/metrics/runComparison.js';
import { writeRunReports } from '../../src/reports/writeRunReports.js';
import { readResultLog } from '../../src/results/resultLog.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite } from '../../src/run/runSuite.js';
import { logitGapOf, sigmoid } from '../../src/zeroshot/scoringRule.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${name}-`));
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

const plan: RunPlan = {
  name: 'mixed',
  models: [
    { id: 'clip', ref: fixturePath('clip-tiny'), engine: 'tfjs', dtype: 'fp32', device: 'cpu' },
    { id: 'siglip', ref: fixturePath('siglip-tiny'), engine: 'tfjs', dtype: 'fp32', device: 'cpu' },
    { id: 'siglip2', ref: fixturePath('siglip2-tiny'), engine: 'tfjs', dtype: 'fp32', device: 'cpu' },
  ],
  datasets: [{ id: 'tiny', spec: { root: path.join(repoRoot, 'datasets', 'tiny'), manifest: 'manifest.csv' }, classes: 'labels' }],
  templates: ['This is a photo of {}.'],
  attacks: [{ id: 'sticker', attack: resolveAttackRef('openai-sticker'), n: 1, seed: 7 }],
  batch: 8,
  topK: 3,
  shard: { index: 1, count: 1 },
};

describe('one suite with CLIP and SigLIP models', () => {
  it('runs both families, records each scoring rule and labels SigLIP probabilities in every report', async () => {
    const out = tmp('mixed');
    const result = await runSuite(plan, { outDir: out, cacheDir: tmp('cache'), maxPixels: 1e8 });
    writeRunReports(out, result.manifest, result.logFile);
    const rows = [...readResultLog(result.logFile)];
    assert.equal(rows.length, 3 * 20 * 2);
    assert.ok(rows.every((r) => r.kind === 'scored'), 'every row scored');

    assert.equal(result.manifest.models['clip']?.scoring?.kind, 'softmax');
    assert.equal(result.manifest.models['siglip']?.scoring?.kind, 'sigmoid');
    assert.equal(result.manifest.models['siglip2']?.family, 'siglip');

    // Softmax rows sum to at most 1 over the top-k; SigLIP's per-class sigmoids are on their own.
    for (const row of rows) {
      if (row.kind !== 'scored') continue;
      const [first, second] = row.clean;
      assert.ok(first !== undefined && second !== undefined);
      if (row.model === 'clip') assert.ok(row.clean.reduce((s, c) => s + c.probability, 0) <= 1 + 1e-9);
      else assert.ok(first.probability < 1 && first.probability > 0 && first.probability >= second.probability);
    }

    const samples = read(out, 'samples.csv').trim().split('\n');
    assert.ok(samples[0]?.endsWith(',scoring'));
    assert.ok(samples.filter((line) => line.startsWith('siglip')).every((line) => line.endsWith(',sigmoid')));
    assert.ok(samples.filter((line) => line.startsWith('clip,')).every((line) => line.endsWith(',softmax')));

    const md = read(out, 'summary.md');
    const siglipSection = md.slice(md.indexOf('### siglip\n'));
    assert.match(siglipSection, /SigLIP's per-class sigmoid probabilities/);
    assert.doesNotMatch(md.slice(md.indexOf('### clip'), md.indexOf('### siglip\n')), /sigmoid/);
    const html = read(out, 'report.html');
    assert.equal(html.match(/SigLIP&#39;s per-class sigmoid probabilities|SigLIP's per-class sigmoid probabilities/g)?.length, 2, 'one note per SigLIP model');
    assert.match(html, /bias -2\.5000 \(sigmoid per class\)/);
  });

  it("reads a SigLIP near tie off its sigmoid probabilities as a logit gap", () => {
    const [a, b] = [sigmoid(-1.2), sigmoid(-1.23)];
    assert.ok(Math.abs(logitGapOf('sigmoid', a, b) - 0.03) < 1e-12);
    assert.ok(Math.abs(logitGapOf('softmax', 0.5, 0.25) - Math.log(2)) < 1e-12);
    // Sigmoid probabilities 0.99 and 0.98 are logits 4.60 and 3.89, a clear lead; read as a softmax,
    // ln(0.99 / 0.98) = 0.01 would wrongly make it a near tie.
    const scored = (ranking: [number, number][]) => ({
      kind: 'scored' as const, model: 'm', sampleId: 's', trueLabel: 'a', trueIndex: 0, attackId: 'clean', variant: '', attackText: null, targetIndex: null,
      specHash: null, renderHash: null, params: {}, clean: ranking.map(([index, probability]) => ({ index, label: String(index), probability })),
      attacked: ranking.map(([index, probability]) => ({ index, label: String(index), probability })),
    });
    const near = compareRuns([scored([[0, a], [1, b]])], [scored([[1, a], [0, b]])], { baseline: () => 'sigmoid', candidate: () => 'sigmoid' });
    assert.equal(near.models['m']?.clean.nearTieDisagreements, 1);
    const [p1, p2] = [0.99, 0.98];
    assert.ok(logitGapOf('sigmoid', p1, p2) > 0.7 && logitGapOf('softmax', p1, p2) < 0.05);
    const clear = compareRuns([scored([[0, p1], [1, p2]])], [scored([[1, p1], [0, p2]])], { baseline: () => 'sigmoid', candidate: () => 'sigmoid' });
    assert.equal(clear.models['m']?.clean.nearTieDisagreements, 0);
  });
});
