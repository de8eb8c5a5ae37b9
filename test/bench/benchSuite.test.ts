import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { writeSyntheticDataset } from '../../src/bench/benchSuite.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import { decodeImage } from '../../src/image/decodeImage.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-synthetic-'));

describe('writeSyntheticDataset', () => {
  it('lists every sample once under its own id, the extra samples with their source image and label', async () => {
    const written = writeSyntheticDataset(tmp(), { images: 3, samples: 10, size: 40, classes: ['a', 'b'] });
    const dataset = await openDataset({ root: written.root, manifest: 'manifest.csv' });
    const samples = [];
    for await (const s of dataset.samples()) samples.push(s);
    assert.equal(samples.length, 10);
    assert.equal(new Set(samples.map((s) => s.id)).size, 10);
    for (const [j, sample] of samples.entries()) {
      const source = path.join(written.root, 'img', `${j % 3}.png`);
      assert.ok(fs.readFileSync(sample.path).equals(fs.readFileSync(source)), `${sample.id} has the bytes of image ${j % 3}`);
      assert.equal(sample.label, ['a', 'b'][(j % 3) % 2]);
      const image = decodeImage(fs.readFileSync(sample.path));
      assert.equal(image.width, 40);
      assert.equal(image.height, 40);
    }
  });

  it('draws distinct images, the same bytes on every call', () => {
    const a = writeSyntheticDataset(tmp(), { images: 4, samples: 4, size: 32, classes: ['x'] });
    const b = writeSyntheticDataset(tmp(), { images: 4, samples: 4, size: 32, classes: ['x'] });
    const bytes = (root: string, i: number) => fs.readFileSync(path.join(root, 'img', `${i}.png`));
    for (let i = 0; i < 4; i++) assert.ok(bytes(a.root, i).equals(bytes(b.root, i)));
    assert.equal(new Set([0, 1, 2, 3].map((i) => bytes(a.root, i).toString('hex'))).size, 4);
    assert.throws(() => writeSyntheticDataset(tmp(), { images: 0, samples: 4, size: 32, classes: ['x'] }), RangeError);
  });
});
