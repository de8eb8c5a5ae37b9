import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { emojiSets, readIconSet, type EmojiSet, type IconSet } from '../../src/emoji/emojiSets.js';
import { encodeRgbaPng } from '../../src/image/pngCodec.js';
import { loadExpectedEmojiHashes } from '../../src/emoji/emojiBuildRecord.js';
import { iconSvg, renderSvg } from '../../src/emoji/renderSvg.js';
import { loadEmojiClasses } from '../../src/emoji/emojiClasses.js';
import { sha256Hex } from '../../src/util/hashing.js';
import { DatasetError } from '../../src/errors/errors.js';
import { repoRoot } from '../helpers/paths.js';

const setById = (id: string): EmojiSet => {
  const set = emojiSets.find((s) => s.id === id);
  assert.ok(set, id);
  return set;
};
/** A few icons from sets with different view boxes (36, 72, 512 units) and artwork styles. */
const samples = [
  { set: 'twemoji', className: 'apple' },
  { set: 'openmoji', className: 'dog' },
  { set: 'fxemoji', className: 'guitar' },
] as const;
const classes = loadEmojiClasses();
const iconSets = new Map<string, IconSet>(samples.map((s) => [s.set, readIconSet(setById(s.set))]));

async function renderSample(sample: (typeof samples)[number], size = 64) {
  const iconSet = iconSets.get(sample.set);
  const icon = classes.find((c) => c.name === sample.className)?.icons[sample.set];
  assert.ok(iconSet && icon);
  return renderSvg(iconSvg(iconSet, icon, size), size, `${sample.set}:${icon}`);
}

/** Pixel hashes of the samples rendered in a fresh node process. */
function renderInChild(): string[] {
  // The modules of the same build as this test (dist/src, or another outDir's).
  const url = (...parts: string[]) => JSON.stringify(pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', ...parts)).href);
  const script = `
    const { emojiSets, readIconSet } = await import(${url('emoji', 'emojiSets.js')});
    const { iconSvg, renderSvg } = await import(${url('emoji', 'renderSvg.js')});
    const { loadEmojiClasses } = await import(${url('emoji', 'emojiClasses.js')});
    const { sha256Hex } = await import(${url('util', 'hashing.js')});
    const classes = loadEmojiClasses();
    const out = [];
    for (const { set, className } of ${JSON.stringify(samples)}) {
      const iconSet = readIconSet(emojiSets.find((s) => s.id === set));
      const icon = classes.find((c) => c.name === className).icons[set];
      out.push(sha256Hex((await renderSvg(iconSvg(iconSet, icon, 64), 64, icon)).data));
    }
    process.stdout.write(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: repoRoot });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as string[];
}

describe('rendering an emoji', () => {
  it('gives an opaque size x size image on white with the artwork in it', async () => {
    for (const sample of samples) {
      const image = await renderSample(sample, 48);
      assert.equal(image.width, 48);
      assert.equal(image.data.length, 48 * 48 * 4);
      let coloured = 0;
      for (let i = 0; i < image.data.length; i += 4) {
        assert.equal(image.data[i + 3], 255);
        if (image.data[i] !== 255 || image.data[i + 1] !== 255 || image.data[i + 2] !== 255) coloured++;
      }
      // Corners are background; a real share of the square is artwork.
      assert.deepEqual([...image.data.subarray(0, 4)], [255, 255, 255, 255], sample.set);
      assert.ok(coloured > 48 * 48 * 0.1 && coloured < 48 * 48 * 0.95, `${sample.set}: ${coloured} non-white pixels`);
    }
  });

  it('gives the same bytes twice in one process, and a lossless PNG of them', async () => {
    for (const sample of samples) {
      const first = await renderSample(sample);
      const second = await renderSample(sample);
      assert.deepEqual(second.data, first.data);
      const decoded = PNG.sync.read(encodeRgbaPng(first));
      assert.deepEqual(new Uint8Array(decoded.data), first.data);
    }
  });

  it('gives the same pixels in two other processes, and the committed expected hashes', async () => {
    const here = await Promise.all(samples.map(async (s) => sha256Hex((await renderSample(s)).data)));
    assert.deepEqual(renderInChild(), here);
    assert.deepEqual(renderInChild(), here);
    const expected = loadExpectedEmojiHashes();
    assert.equal(expected.size, 64);
    assert.deepEqual(
      here,
      samples.map((s) => expected.images[`${s.set}/${s.className}.png`]),
      'datasets/emoji/expected-hashes.json differs: the renderer or the icon packages changed',
    );
  });

  it('differs between sets and sizes (the hash sees the artwork)', async () => {
    const hashes = await Promise.all([...samples.map((s) => renderSample(s)), renderSample(samples[0], 96)]);
    assert.equal(new Set(hashes.map((h) => sha256Hex(h.data))).size, hashes.length);
  });

  it('refuses an icon the set does not have, and transformed icons', () => {
    const iconSet = iconSets.get('twemoji');
    assert.ok(iconSet);
    assert.throws(() => iconSvg(iconSet, 'no-such-icon', 64), (e: unknown) => e instanceof DatasetError && e.message.includes("'no-such-icon'"));
    const flipped: IconSet = { ...iconSet, icons: { f: { body: '<path d="M0 0h1v1z"/>', hFlip: true } } };
    assert.throws(() => iconSvg(flipped, 'f', 64), DatasetError);
  });

  it('centres a non-square view box', async () => {
    const tall: IconSet = { id: 't', packageName: 't', version: '0', left: 0, top: 0, width: 10, height: 20, icons: { bar: { body: '<rect width="10" height="20" fill="#000"/>' } } };
    const image = await renderSvg(iconSvg(tall, 'bar', 40), 40, 'bar');
    const at = (x: number, y: number) => image.data[(y * 40 + x) * 4];
    assert.equal(at(20, 20), 0);
    assert.equal(at(2, 20), 255);
    assert.equal(at(37, 20), 255);
  });
});
