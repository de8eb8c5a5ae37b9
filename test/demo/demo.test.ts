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
  readonly targetedAsr: Rate;
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

// The thresholds sit well below what the committed models measure on these 64 images (see
// models/stroop-tiny/MODEL_CARD.md: clean 18.8%, paper-label attacked 3.1% with the word winning
// 28.1%, the control's word 3.1%) and far above what chance gives (1 in 80).
describe('stroop demo (reduced: 64 held-out images)', { skip: modelsTrained ? false : 'models/stroop-tiny is missing (restore it from git or run npm run train:tiny)' }, () => {
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

  it('stroop-tiny reads: well above chance on unseen styles, and a label with a wrong word takes most of it', () => {
    const model = summary.metrics.models['stroop-tiny'];
    assert.ok(model !== undefined);
    const clean = model.clean.acc1;
    assert.equal(clean.n, 64);
    // Chance is 1/80: 6 hits of 64 happen by guessing with probability < 1e-4.
    assert.ok(clean.rate >= 6 / 64, `clean top-1 ${clean.rate}`);
    const label = model.attacks['paper-label'];
    assert.ok(label !== undefined);
    assert.ok(label.attacked.acc1.rate <= 0.5 * clean.rate, `paper-label: attacked ${label.attacked.acc1.rate} vs clean ${clean.rate}`);
    assert.ok(label.targetedAsr.rate >= 0.15, `paper-label: the written word wins ${label.targetedAsr.rate}`);
    for (const attack of ['defense-prefix', 'sticker']) assert.ok(model.attacks[attack] !== undefined, `${attack} is reported`);
  });

  it('the control, which never saw a written word in training, follows the word far less often', () => {
    const reading = summary.metrics.models['stroop-tiny'];
    const control = summary.metrics.models['stroop-tiny-control'];
    assert.ok(reading !== undefined && control !== undefined);
    const success = (m: typeof reading) => m.attacks['paper-label']?.targetedAsr.rate ?? NaN;
    assert.ok(success(control) < success(reading) / 2, `the word wins ${success(control)} on the control vs ${success(reading)} on stroop-tiny`);
  });
});
