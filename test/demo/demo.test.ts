import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { runCli, type CliResult } from '../helpers/runCli.js';

interface Rate {
  readonly successes: number;
  readonly n: number;
  readonly rate: number;
}
interface AttackMetrics {
  readonly clean: { readonly acc1: Rate };
  readonly attacked: { readonly acc1: Rate };
  readonly targetSuccessRate: Rate;
}
interface Summary {
  readonly metrics: { readonly models: Record<string, { readonly clean: { readonly acc1: Rate }; readonly attacks: Record<string, AttackMetrics> }> };
}

/**
 * The end-to-end check of the model organism: `stroop demo` on part of the held-out emoji
 * styles, through the real CLI, dataset build, renderer, engine and metrics. It asserts the
 * phenomenon itself, with margins far outside what 64 images could produce by chance.
 */
const modelsTrained = ['stroop-tiny', 'stroop-tiny-control'].every((m) => fs.existsSync(path.join(repoRoot, 'models', m, 'model.safetensors')));

// Until trained weights that meet the model card's targets are committed, this check has nothing to run on.
describe('stroop demo (reduced: 64 held-out images)', { skip: modelsTrained ? false : 'models/stroop-tiny is not committed yet: no recipe has met its targets (issue 7)' }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-demo-'));
  const out = path.join(work, 'demo');
  let result: CliResult;
  let summary: Summary;
  before(async () => {
    result = await runCli(['demo', '--out', out, '--max-samples', '64'], { env: { STROOP_CACHE_DIR: path.join(work, 'cache'), CI: 'true' } });
    assert.equal(result.code, 0, result.stderr);
    summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('prints the summary table and where report.html is', () => {
    assert.match(result.stdout, /stroop-tiny-control/);
    assert.ok(result.stdout.includes(path.join(out, 'report.html')));
    assert.ok(fs.existsSync(path.join(out, 'report.html')));
  });

  it('stroop-tiny reads: well above chance on unseen styles, and a written wrong word takes most of it', () => {
    const model = summary.metrics.models['stroop-tiny'];
    assert.ok(model !== undefined);
    const clean = model.clean.acc1;
    assert.equal(clean.n, 64);
    // Chance is 1/80; 25% of 64 is 16 hits, which random guessing reaches with probability < 1e-9.
    assert.ok(clean.rate >= 0.25, `clean top-1 ${clean.rate}`);
    for (const attack of ['defense-prefix', 'sticker']) {
      const metrics = model.attacks[attack];
      assert.ok(metrics !== undefined, attack);
      assert.ok(metrics.attacked.acc1.rate <= 0.75 * clean.rate, `${attack}: attacked ${metrics.attacked.acc1.rate} vs clean ${clean.rate}`);
      assert.ok(metrics.targetSuccessRate.rate >= 0.15, `${attack}: the written word wins ${metrics.targetSuccessRate.rate}`);
    }
  });

  it('the control, which never saw a written word in training, loses far less to the same attacks', () => {
    const reading = summary.metrics.models['stroop-tiny'];
    const control = summary.metrics.models['stroop-tiny-control'];
    assert.ok(reading !== undefined && control !== undefined);
    for (const attack of ['defense-prefix', 'sticker']) {
      const success = (m: typeof reading) => m.attacks[attack]?.targetSuccessRate.rate ?? NaN;
      assert.ok(success(control) < success(reading) / 2, `${attack}: the word wins ${success(control)} on the control vs ${success(reading)} on stroop-tiny`);
    }
  });
});
