import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readResultLog } from '../../src/results/resultLog.js';
import { imagePixelsKey } from '../../src/store/RenderIndex.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite } from '../../src/run/runSuite.js';
import { fixturePath } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${name}-`));

/** A folder dataset of one class holding a photo whose EXIF says "rotate 90°" (Pillow's hopper_orientation_6.jpg). */
function rotatedPhotoDataset(): string {
  const root = tmp('orientation-data');
  fs.mkdirSync(path.join(root, 'hopper'));
  fs.mkdirSync(path.join(root, 'other'));
  fs.copyFileSync(fixturePath('conformance', 'pillow', 'hopper_orientation_6.jpg'), path.join(root, 'hopper', 'a.jpg'));
  fs.copyFileSync(fixturePath('conformance', 'pillow', 'hopper_orientation_6.jpg'), path.join(root, 'other', 'b.jpg'));
  return root;
}

function plan(root: string, orientation?: 'ignore'): RunPlan {
  return {
    name: 'orientation',
    models: [{ id: 'tiny', ref: fixturePath('clip-tiny'), engine: 'tfjs', dtype: 'fp32', device: 'cpu' }],
    datasets: [{ id: 'photos', spec: { root }, classes: 'labels', ...(orientation === undefined ? {} : { orientation }) }],
    templates: ['a photo of a {}.'],
    attacks: [],
    batch: 4,
    topK: 2,
    shard: { index: 1, count: 1 },
  };
}

const cleanProbability = (logFile: string) =>
  [...readResultLog(logFile)].flatMap((row) => (row.kind === 'scored' && row.sampleId.endsWith('a.jpg') ? [row.clean[0]?.probability] : []))[0];

describe('a dataset’s orientation policy (suite datasets[].orientation)', () => {
  it('decodes with it, and keys the clean embedding by it: one cache, two policies, two results', async () => {
    const root = rotatedPhotoDataset();
    const cache = tmp('orientation-cache');
    const upright = await runSuite(plan(root), { outDir: tmp('exif'), cacheDir: cache, maxPixels: 1e8 });
    const stored = await runSuite(plan(root, 'ignore'), { outDir: tmp('ignore'), cacheDir: cache, maxPixels: 1e8 });
    const [a, b] = [cleanProbability(upright.logFile), cleanProbability(stored.logFile)];
    assert.ok(a !== undefined && b !== undefined && a !== b, `the rotated and the stored pixels score differently (${a} vs ${b})`);
    assert.match(upright.manifest.decoders?.jpeg ?? '', /^(libjpeg-turbo|jpeg-js)/, 'the run records its JPEG decoder');
    assert.equal(imagePixelsKey('ab'.repeat(32)), 'ab'.repeat(32), 'the default policy keeps the file SHA-256 as the key (old caches stay valid)');
    assert.notEqual(imagePixelsKey('ab'.repeat(32), 'ignore'), 'ab'.repeat(32));
  });

  it('suite check accepts exif and ignore, and refuses anything else at its line', async () => {
    const root = rotatedPhotoDataset();
    const suite = (orientation: string) => {
      const file = path.join(tmp('orientation-suite'), 's.yaml');
      fs.writeFileSync(
        file,
        ['name: o', 'models:', `  - path: ${JSON.stringify(fixturePath('clip-tiny'))}`, 'datasets:', `  - root: ${JSON.stringify(root)}`, `    orientation: ${orientation}`, 'attacks: []'].join('\n'),
      );
      return file;
    };
    assert.equal((await runCli(['suite', 'check', suite('ignore')])).code, 0);
    const bad = await runCli(['suite', 'check', suite('sideways')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /s\.yaml:6:\d+/);
    assert.match(bad.stderr, /orientation/);
    assert.match(bad.stderr, /exif, ignore/);
  });
});
