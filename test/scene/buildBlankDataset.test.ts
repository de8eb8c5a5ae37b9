import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Sample } from '../../src/datasets/dataset.js';
import { builtinDatasetLocation, ensureBuiltinDataset } from '../../src/datasets/builtinDataset.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import { loadEmojiClasses } from '../../src/emoji/emojiClasses.js';
import { toRgba } from '../../src/image/convertImage.js';
import { readImageFile } from '../../src/image/decodeImage.js';
import { blankBackgrounds, buildBlankDataset, resolveBlankBuild } from '../../src/scene/buildBlankDataset.js';

const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-blank-')));
after(() => fs.rmSync(temp, { recursive: true, force: true }));
const cache = path.join(temp, 'cache');

async function samplesOf(root: string): Promise<Sample[]> {
  const dataset = await openDataset({ root, manifest: 'manifest.csv' });
  const samples: Sample[] = [];
  for await (const sample of dataset.samples()) samples.push(sample);
  return samples;
}

describe('buildBlankDataset (the word alone)', () => {
  it('labels a white and a pale blue blank image with each emoji class, in a manifest stroop opens', async () => {
    const build = buildBlankDataset({ size: 40, cacheDir: cache });
    const names = loadEmojiClasses().map((c) => c.name);
    assert.equal(build.imageCount, names.length * 2);
    assert.equal(build.root, resolveBlankBuild({ size: 40, cacheDir: cache }).root);
    const samples = await samplesOf(build.root);
    assert.deepEqual(samples.map((s) => s.label), names.flatMap((name) => [name, name]));
    assert.deepEqual(samples.slice(0, 2).map((s) => s.attributes?.['background']), ['white', 'pale-blue']);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(build.root, 'classnames.json'), 'utf8')), names);
    for (const [b, background] of blankBackgrounds.entries()) {
      const image = toRgba(await readImageFile(path.join(build.root, samples[b]?.id.split('/').pop() ?? '')));
      assert.deepEqual([image.width, image.height], [40, 40]);
      const colours = new Set<string>();
      for (let i = 0; i < image.data.length; i += 4) colours.add(Array.from(image.data.subarray(i, i + 4)).join(','));
      assert.deepEqual([...colours], [[...background.rgb, 255].join(',')], `${background.name}: one opaque colour`);
    }
  });

  it('keys the cache on the size and the labels, writes nothing when intact and repairs a damaged file', () => {
    const classes = ['apple', 'soccer ball'];
    const first = buildBlankDataset({ size: 24, classes, cacheDir: cache });
    assert.deepEqual([first.imageCount, first.written, first.upToDate], [4, 6, false], 'four images, the manifest and the class list');
    assert.notEqual(first.root, resolveBlankBuild({ size: 32, classes, cacheDir: cache }).root);
    assert.notEqual(first.root, resolveBlankBuild({ size: 24, classes: ['apple'], cacheDir: cache }).root);
    const second = buildBlankDataset({ size: 24, classes, cacheDir: cache });
    assert.deepEqual([second.written, second.upToDate], [0, true]);
    const file = path.join(first.root, 'soccer-ball-pale-blue.png');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, 'damaged');
    fs.rmSync(path.join(first.root, 'manifest.csv'));
    const repaired = buildBlankDataset({ size: 24, classes, cacheDir: cache });
    assert.deepEqual([repaired.written, repaired.upToDate], [2, false]);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });

  it('is a builtin dataset suites can name, built where its location says', async () => {
    const previous = process.env['STROOP_CACHE_DIR'];
    process.env['STROOP_CACHE_DIR'] = cache;
    try {
      const location = builtinDatasetLocation({ name: 'blank', size: 32 });
      assert.match(location.root, /datasets[/\\]blank-[0-9a-f]{12}$/);
      const build = await ensureBuiltinDataset({ name: 'blank', size: 32 });
      assert.deepEqual([build.root, build.size], [location.root, 32]);
      assert.ok(fs.existsSync(location.manifest));
    } finally {
      if (previous === undefined) delete process.env['STROOP_CACHE_DIR'];
      else process.env['STROOP_CACHE_DIR'] = previous;
    }
  });
});
