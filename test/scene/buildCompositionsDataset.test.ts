import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Sample } from '../../src/datasets/dataset.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import { builtinDatasetLocation } from '../../src/datasets/builtinDataset.js';
import { readImageFile } from '../../src/image/decodeImage.js';
import { buildCompositionsDataset, compositionsPerClass, resolveCompositionsBuild } from '../../src/scene/buildCompositionsDataset.js';

const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-compositions-')));
after(() => fs.rmSync(temp, { recursive: true, force: true }));
const cache = path.join(temp, 'cache');
/** Two classes keep it cheap: 14 emoji icons, 4 compositions. */
const classes = ['apple', 'soccer ball'];

describe('buildCompositionsDataset', () => {
  it('composes each class in two different training styles, with a manifest stroop opens, and is idempotent and self-repairing', async () => {
    const first = await buildCompositionsDataset({ size: 48, classes, cacheDir: cache });
    assert.equal(first.root, resolveCompositionsBuild({ size: 48, classes, cacheDir: cache }).root);
    assert.equal(first.imageCount, classes.length * compositionsPerClass);
    assert.equal(first.rendered, first.imageCount);
    const dataset = await openDataset({ root: first.root, manifest: 'manifest.csv' });
    const samples: Sample[] = [];
    for await (const sample of dataset.samples()) samples.push(sample);
    assert.deepEqual(samples.map((s) => s.label).sort(), ['apple', 'apple', 'soccer ball', 'soccer ball']);
    for (const label of classes) {
      const sets = samples.filter((s) => s.label === label).map((s) => s.attributes?.['set']);
      assert.equal(new Set(sets).size, 2, `${label}: two styles, got ${sets.join(', ')}`);
      for (const set of sets) assert.ok(!['openmoji', 'emojione-v1'].includes(String(set)), `${label}: ${set} is a training style`);
    }
    const image = await readImageFile(path.join(first.root, 'apple-0.png'));
    assert.equal(image.width, 48);

    const second = await buildCompositionsDataset({ size: 48, classes, cacheDir: cache });
    assert.deepEqual([second.upToDate, second.rendered], [true, 0]);
    const before = fs.readFileSync(path.join(first.root, 'apple-1.png'));
    fs.writeFileSync(path.join(first.root, 'apple-1.png'), 'damaged');
    const repaired = await buildCompositionsDataset({ size: 48, classes, cacheDir: cache });
    assert.equal(repaired.rendered, 1);
    assert.deepEqual(fs.readFileSync(path.join(first.root, 'apple-1.png')), before, 'composed again to the same bytes');
  });

  it('is a builtin dataset suites can name', () => {
    const location = builtinDatasetLocation({ name: 'compositions', size: 112 });
    assert.match(location.root, /datasets[/\\]compositions-[0-9a-f]{12}$/);
    assert.equal(location.manifest, `${location.root}/manifest.csv`);
  });
});
