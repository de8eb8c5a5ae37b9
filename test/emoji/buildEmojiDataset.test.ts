import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { openDataset } from '../../src/datasets/openDataset.js';
import type { Sample } from '../../src/datasets/dataset.js';
import { buildEmojiDataset, type EmojiDatasetBuild } from '../../src/emoji/buildEmojiDataset.js';
import { emojiSets } from '../../src/emoji/emojiSets.js';
import { emojiDatasetStatus } from '../../src/emoji/resolveEmojiBuild.js';
import { loadExpectedEmojiHashes } from '../../src/emoji/emojiBuildRecord.js';
import { sha256Hex } from '../../src/util/hashing.js';
import { DatasetError } from '../../src/errors/errors.js';

const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-emoji-')));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Two classes keep the test cheap: 2 x 7 sets = 14 icons. */
const classes = ['apple', 'soccer ball'];
const cache = path.join(temp, 'cache');
let first: EmojiDatasetBuild;

async function samplesOf(split?: string): Promise<Sample[]> {
  const dataset = await openDataset({ root: first.root, manifest: 'manifest.csv', ...(split !== undefined ? { split } : {}) });
  const out: Sample[] = [];
  for await (const sample of dataset.samples()) out.push(sample);
  return out;
}

const setOf = (sample: Sample): string => sample.id.split('/')[0] ?? '';
const mtimes = (root: string) => Object.fromEntries(fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => [f, fs.statSync(path.join(root, f)).mtimeMs]));

describe('buildEmojiDataset', () => {
  before(async () => {
    first = await buildEmojiDataset({ classes, cacheDir: cache });
  });

  it('builds into <cache>/datasets/emoji-<key> and renders every image once', () => {
    assert.equal(first.root, path.join(cache, 'datasets', `emoji-${first.key}`));
    assert.match(first.key, /^[0-9a-f]{12}$/);
    assert.equal(first.imageCount, classes.length * emojiSets.length);
    assert.equal(first.rendered, first.imageCount);
    assert.equal(first.upToDate, false);
    assert.deepEqual(emojiDatasetStatus({ classes, cacheDir: cache }), { root: first.root, key: first.key, built: true, classCount: 2, setCount: emojiSets.length, size: 64 });
  });

  it('writes a manifest that openDataset loads, with one 64 px image per class and set', async () => {
    const samples = await samplesOf();
    assert.equal(samples.length, first.imageCount);
    assert.deepEqual([...new Set(samples.map((s) => s.label))].sort(), [...classes].sort());
    for (const sample of samples) {
      const png = PNG.sync.read(fs.readFileSync(sample.path));
      assert.equal(png.width, 64);
      assert.equal(png.height, 64);
    }
    assert.deepEqual(JSON.parse(fs.readFileSync(first.classNames, 'utf8')), classes);
  });

  it('splits by set: each set lies wholly in one split, the held-out sets only in heldout', async () => {
    const train = await samplesOf('train');
    const heldout = await samplesOf('heldout');
    const trainSets = new Set(train.map(setOf));
    const heldoutSets = new Set(heldout.map(setOf));
    assert.deepEqual([...trainSets].filter((s) => heldoutSets.has(s)), []);
    assert.deepEqual([...heldoutSets].sort(), emojiSets.filter((s) => s.split === 'heldout').map((s) => s.id).sort());
    assert.deepEqual([...trainSets].sort(), emojiSets.filter((s) => s.split === 'train').map((s) => s.id).sort());
    assert.equal(train.length + heldout.length, first.imageCount);
    assert.deepEqual(first.splits.heldout.sets, [...heldoutSets]);
  });

  it('gives the committed expected pixels', () => {
    assert.deepEqual(first.expected, { status: 'match', mismatched: [] });
    const expected = loadExpectedEmojiHashes();
    const record = JSON.parse(fs.readFileSync(path.join(first.root, 'build.json'), 'utf8')) as { pixels: Record<string, string> };
    for (const [file, hash] of Object.entries(record.pixels)) assert.equal(hash, expected.images[file], file);
  });

  it('does nothing the second time', async () => {
    const before = mtimes(first.root);
    const second = await buildEmojiDataset({ classes, cacheDir: cache });
    assert.equal(second.rendered, 0);
    assert.equal(second.upToDate, true);
    assert.equal(second.root, first.root);
    assert.deepEqual(mtimes(first.root), before);
  });

  it('detects a corrupted and a deleted image by their hashes and renders just those again', async () => {
    const corrupted = path.join(first.root, 'twemoji', 'apple.png');
    const deleted = path.join(first.root, 'openmoji', 'soccer-ball.png');
    const original = fs.readFileSync(corrupted);
    const damaged = Buffer.from(original);
    const middle = damaged.length >> 1;
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
    fs.writeFileSync(corrupted, damaged);
    fs.rmSync(deleted);
    const untouched = fs.statSync(path.join(first.root, 'fxemoji', 'apple.png')).mtimeMs;

    const repaired = await buildEmojiDataset({ classes, cacheDir: cache });
    assert.equal(repaired.rendered, 2);
    assert.equal(repaired.upToDate, false);
    assert.deepEqual(fs.readFileSync(corrupted), original);
    assert.ok(fs.existsSync(deleted));
    assert.equal(fs.statSync(path.join(first.root, 'fxemoji', 'apple.png')).mtimeMs, untouched);
    assert.equal((await buildEmojiDataset({ classes, cacheDir: cache })).upToDate, true);
  });

  it('rewrites a tampered manifest', async () => {
    const before = fs.readFileSync(first.manifest, 'utf8');
    fs.writeFileSync(first.manifest, before.replace('apple', 'pear'));
    const again = await buildEmojiDataset({ classes, cacheDir: cache });
    assert.equal(again.rendered, 0);
    assert.equal(again.upToDate, false);
    assert.equal(fs.readFileSync(first.manifest, 'utf8'), before);
  });

  it('keys the cache by size and classes, and builds into --out when given', async () => {
    const out = path.join(temp, 'out');
    const small = await buildEmojiDataset({ classes: ['apple'], size: 32, out });
    assert.equal(small.root, out);
    assert.notEqual(small.key, first.key);
    assert.equal(small.imageCount, emojiSets.length);
    assert.equal(small.expected.status, 'not-comparable');
    const png = PNG.sync.read(fs.readFileSync(path.join(out, 'twemoji', 'apple.png')));
    assert.equal(png.width, 32);
    const record = JSON.parse(fs.readFileSync(path.join(out, 'build.json'), 'utf8')) as { files: Record<string, string> };
    assert.equal(record.files['twemoji/apple.png'], sha256Hex(fs.readFileSync(path.join(out, 'twemoji', 'apple.png'))));
  });

  it('refuses unknown classes and sizes out of range', async () => {
    await assert.rejects(buildEmojiDataset({ classes: ['appel'], cacheDir: cache }), (e: unknown) => e instanceof DatasetError && e.message.includes("'appel'"));
    for (const size of [8, 64.5, 1024]) await assert.rejects(buildEmojiDataset({ size, cacheDir: cache }), DatasetError);
  });
});
