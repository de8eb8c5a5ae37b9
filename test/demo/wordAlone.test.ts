import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

interface Rate {
  readonly successes: number;
  readonly n: number;
  readonly rate: number;
}
interface Summary {
  readonly metrics: { readonly models: Record<string, { readonly attacks: Record<string, { readonly n: number; readonly targetedAsr: Rate }> }> };
}

/**
 * `attacks/suites/word-alone.yaml` end to end: the builtin blank dataset, built from an empty
 * cache, with words written on it by the demo's recipes, five variations of its paper label and
 * its sticker moved. Nothing in a blank image competes with the word, so "the word wins" is how
 * often the model reads it.
 * The margins sit far from what 160 images could give by chance (1 in 80) and well inside what
 * the committed models measure (models/stroop-tiny/MODEL_CARD.md).
 */
const modelsTrained = ['stroop-tiny', 'stroop-tiny-control'].every((m) => fs.existsSync(path.join(repoRoot, 'models', m, 'model.safetensors')));
const attacks = ['defense-prefix', 'sticker', 'sticker-offset', 'paper-label', 'paper-label-large', 'paper-label-small', 'paper-label-offset', 'paper-label-serif', 'paper-label-red'];

describe('the word-alone suite (160 blank images)', { skip: modelsTrained ? false : 'models/stroop-tiny is missing (restore it from git or run npm run train:tiny)' }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-word-alone-'));
  let summary: Summary;
  before(async () => {
    const out = path.join(work, 'out');
    const result = await runCli(['run', 'attacks/suites/word-alone.yaml', '--out', out], { env: { STROOP_CACHE_DIR: path.join(work, 'cache'), CI: 'true' } });
    assert.equal(result.code, 0, result.stderr);
    summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  const wins = (model: string, attack: string): number => {
    const rows = summary.metrics.models[model]?.attacks[attack];
    assert.ok(rows !== undefined, `${model}: ${attack} is reported`);
    assert.equal(rows.n, 160);
    return rows.targetedAsr.rate;
  };

  it('stroop-tiny reads the paper label alone; the control, which never saw a word, does not read any style', () => {
    assert.ok(wins('stroop-tiny', 'paper-label') >= 0.3, `paper-label: ${wins('stroop-tiny', 'paper-label')}`);
    for (const attack of attacks) assert.ok(wins('stroop-tiny-control', attack) <= 0.1, `control, ${attack}: ${wins('stroop-tiny-control', attack)}`);
  });

  it("its reading is narrow: the sticker it was trained on almost always, its training label's size better than others, rarely half the size or defense-prefix's many styles", () => {
    const label = wins('stroop-tiny', 'paper-label');
    assert.ok(wins('stroop-tiny', 'paper-label-large') >= label + 0.1, `the training label's size: ${wins('stroop-tiny', 'paper-label-large')} vs ${label}`);
    assert.ok(wins('stroop-tiny', 'paper-label-small') <= label / 2, `half the size: ${wins('stroop-tiny', 'paper-label-small')} vs ${label}`);
    assert.ok(wins('stroop-tiny', 'sticker') >= 0.8, `openai-sticker: ${wins('stroop-tiny', 'sticker')}`);
    // Read above chance (8 of 160 by guessing 1 in 80: probability ~1e-3) and far below the sticker.
    const defensePrefix = wins('stroop-tiny', 'defense-prefix');
    assert.ok(defensePrefix >= 0.05, `defense-prefix: the word wins ${defensePrefix}`);
    assert.ok(defensePrefix <= 0.3, `defense-prefix: the word wins ${defensePrefix}; if the model now reads it, raise this test and the demo's to the issue's targets`);
  });

  it('it knows where its training sticker sits more than it reads it: moved up-left, the same sticker is read less than half as often', () => {
    const inPlace = wins('stroop-tiny', 'sticker');
    const moved = wins('stroop-tiny', 'sticker-offset');
    assert.ok(moved <= inPlace / 2, `the sticker moved: ${moved} vs ${inPlace} in place; if the model now reads it anywhere, say so in the model card and the suite`);
  });
});
