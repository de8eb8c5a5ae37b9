import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveAttackRef } from '../../src/attacks/presets/loadPreset.js';
import { parseAttackSpec } from '../../src/attacks/attackSpec.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite, type RunResult } from '../../src/run/runSuite.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-warm-${name}-`));

/** The tiny dataset plus a broken, a missing and a mislabelled image, so error rows are covered too. */
function datasetWithBadSamples(): string {
  const root = tmp('data');
  const tiny = path.join(repoRoot, 'datasets', 'tiny');
  const rows = ['path,label'];
  for (const line of fs.readFileSync(path.join(tiny, 'manifest.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [file, label] = line.split(',') as [string, string];
    const name = file.replace(/[ /]/g, '_');
    fs.copyFileSync(path.join(tiny, file), path.join(root, name));
    rows.push(`${name},${label}`);
  }
  fs.writeFileSync(path.join(root, 'broken.png'), 'not a png');
  fs.copyFileSync(path.join(root, 'red_circle_0.png'), path.join(root, 'other.png'));
  rows.push('broken.png,red circle', 'missing.png,red circle', 'other.png,unicorn');
  fs.writeFileSync(path.join(root, 'manifest.csv'), `${rows.join('\n')}\n`);
  return root;
}

function plan(root: string, overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    name: 'warm',
    models: [{ id: 'tiny', ref: fixturePath('clip-tiny'), engine: 'onnx', dtype: 'fp32', device: 'cpu' }],
    datasets: [{ id: 'd', spec: { root, manifest: 'manifest.csv' }, classes: ['red circle', 'blue square', 'green triangle', 'yellow star', 'purple heart'] }],
    templates: ['a photo of a {}.', 'a drawing of a {}.'],
    attacks: [
      { id: 'sticker', attack: resolveAttackRef('openai-sticker'), n: 2, seed: 7 },
      { id: 'word', attack: { kind: 'spec', spec: parseAttackSpec({ text: 'iPod' }, 'inline'), file: 'inline' }, n: 1, seed: 0 },
    ],
    batch: 4,
    topK: 3,
    shard: { index: 1, count: 1 },
    ...overrides,
  };
}

const run = (p: RunPlan, cacheDir: string, maxPixels = 1e8): Promise<RunResult> => runSuite(p, { outDir: tmp('out'), cacheDir, maxPixels });
const logOf = (result: RunResult) => fs.readFileSync(result.logFile, 'utf8');

describe('a warm re-run (new output folder, same cache)', () => {
  it('writes the same result log as the cold run without decoding, drawing, embedding or opening the model', async () => {
    const root = datasetWithBadSamples();
    const cache = tmp('cache');
    const cold = await run(plan(root), cache);
    const goodImages = 20;
    assert.equal(cold.work.imagesDecoded, goodImages + 1, 'and the broken image is tried');
    assert.equal(cold.work.attacksRendered, goodImages * 3);
    assert.equal(cold.work.enginesOpened, 1);
    assert.ok(cold.work.imagesEmbedded > goodImages && cold.work.textsEmbedded === 10);
    const rows = logOf(cold).trim().split('\n');
    assert.ok(rows.some((r) => r.includes('"stage":"load"')) && rows.some((r) => r.includes('"stage":"label"')), 'error rows are part of the comparison');

    const warm = await run(plan(root), cache);
    assert.equal(logOf(warm), logOf(cold));
    assert.deepEqual(warm.work, { imagesDecoded: 1, attacksRendered: 0, imagesEmbedded: 0, textsEmbedded: 0, enginesOpened: 0 }, 'only the broken image is tried again');
    assert.equal(warm.manifest.models['tiny']?.logitScale, cold.manifest.models['tiny']?.logitScale);
    assert.equal(warm.manifest.models['tiny']?.backend, cold.manifest.models['tiny']?.backend);
  });

  it('draws again what the cache cannot vouch for, with the same outcomes', async () => {
    const root = datasetWithBadSamples();
    const cache = tmp('cache');
    const cold = await run(plan(root), cache);

    // Another decode limit: a render recorded under 1e8 px proves nothing about decoding under 9e7.
    const otherLimit = await run(plan(root), cache, 9e7);
    assert.equal(logOf(otherLimit), logOf(cold));
    assert.equal(otherLimit.work.attacksRendered, 60);
    assert.equal(otherLimit.work.imagesEmbedded, 0, 'the embeddings are still cached by content');
    assert.equal(otherLimit.work.enginesOpened, 0);

    // Attacked embeddings gone: the index alone is not enough; the images are drawn and embedded again.
    const storeDir = path.dirname(fs.readdirSync(cache, { recursive: true, encoding: 'utf8' }).map((f) => path.join(cache, f)).find((f) => path.basename(f).startsWith('attacked-')) as string);
    for (const file of fs.readdirSync(storeDir).filter((f) => f.startsWith('attacked-'))) fs.rmSync(path.join(storeDir, file));
    const rebuilt = await run(plan(root), cache);
    assert.equal(logOf(rebuilt), logOf(cold));
    assert.equal(rebuilt.work.attacksRendered, 60);
    assert.equal(rebuilt.work.imagesEmbedded, 60);
    assert.equal(rebuilt.work.enginesOpened, 1, 'the model opens when something must be embedded');
  });

  it('recomputes cache records whose bytes changed on disk, with the same outcomes, and warns once with the count', async () => {
    const root = datasetWithBadSamples();
    const cache = tmp('cache');
    const cold = await run(plan(root), cache);
    assert.equal(cold.corruptCacheRecords, 0);
    assert.deepEqual(cold.warnings, []);

    // One flipped exponent bit in every record of every cache file: a value (or the font size) silently scaled, still finite.
    const files = fs.readdirSync(cache, { recursive: true, encoding: 'utf8' }).map((f) => path.join(cache, f)).filter((f) => f.endsWith('.bin'));
    const dim = 32;
    let flipped = 0;
    for (const file of files) {
      const isRenders = file.includes(`${path.sep}renders${path.sep}`);
      const recordBytes = isRenders ? 32 + 40 + 4 : 32 + 4 * dim + 4;
      const at = isRenders ? 32 + 32 + 7 : 32 + 4 * 5 + 3;
      const bytes = fs.readFileSync(file);
      assert.equal(bytes.length % recordBytes, 0, `${file} holds whole records`);
      for (let r = 0; r < bytes.length; r += recordBytes) bytes[r + at]! ^= 0x01;
      flipped += bytes.length / recordBytes;
      fs.writeFileSync(file, bytes);
    }
    assert.ok(files.some((f) => path.basename(f) === 'text.bin') && files.some((f) => f.includes(`${path.sep}renders${path.sep}`)), files.join(', '));

    const repaired = await run(plan(root), cache);
    assert.equal(logOf(repaired), logOf(cold), 'no changed byte reaches a result');
    assert.equal(repaired.corruptCacheRecords, flipped, 'every damaged record was found');
    assert.equal(repaired.warnings.length, 1);
    assert.match(repaired.warnings[0] ?? '', new RegExp(`^${flipped} cache records .* failed their checksum`));
    assert.equal(repaired.work.textsEmbedded, 10);
    assert.equal(repaired.work.attacksRendered, 60);

    const healed = await run(plan(root), cache);
    assert.equal(logOf(healed), logOf(cold));
    assert.equal(healed.corruptCacheRecords, 0, 'the damaged records were rewritten');
    assert.deepEqual(healed.work, { imagesDecoded: 1, attacksRendered: 0, imagesEmbedded: 0, textsEmbedded: 0, enginesOpened: 0 });
  });

  it('does not score with remembered engine facts whose bytes changed: it opens the model instead', async () => {
    const root = datasetWithBadSamples();
    const cache = tmp('cache');
    const cold = await run(plan(root), cache);
    const factsFile = fs.readdirSync(cache, { recursive: true, encoding: 'utf8' }).map((f) => path.join(cache, f)).find((f) => /engine-[0-9a-f]+\.json$/.test(f)) as string;
    const text = fs.readFileSync(factsFile, 'utf8');
    const changed = text.replace(/"logitScale":(\d)/, (_, digit: string) => `"logitScale":${(Number(digit) + 1) % 10}`);
    assert.notEqual(changed, text);
    fs.writeFileSync(factsFile, changed);
    const warm = await run(plan(root), cache);
    assert.equal(logOf(warm), logOf(cold), 'scored with the model\'s own logit scale');
    assert.equal(warm.corruptCacheRecords, 1);
    assert.equal(warm.work.enginesOpened, 1);
    assert.equal(fs.readFileSync(factsFile, 'utf8'), text, 'written again');
  });

  it('draws only the attack a changed suite adds', async () => {
    const root = datasetWithBadSamples();
    const cache = tmp('cache');
    await run(plan(root), cache);
    const base = plan(root);
    const more = plan(root, { attacks: [...base.attacks, { id: 'word2', attack: { kind: 'spec', spec: parseAttackSpec({ text: 'toaster' }, 'inline'), file: 'inline' }, n: 1, seed: 0 }] });
    const grown = await run(more, cache);
    assert.equal(grown.work.attacksRendered, 20, 'one new row per good image');
    assert.equal(grown.work.imagesDecoded, 21, 'images with a new row are decoded (and the broken one tried)');
    assert.equal(grown.work.imagesEmbedded, 20);
    const fresh = await run(more, tmp('cache'));
    assert.equal(logOf(grown), logOf(fresh), 'a partly warm run equals a cold one');
  });
});
