import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ImageError } from '../../src/errors/errors.js';
import { convertToRgb } from '../../src/image/convertImage.js';
import { decodeImageDetailed, type OrientationPolicy } from '../../src/image/decodeImage.js';
import type { DecodeResult } from '../../src/image/decodedImage.js';
import { conformancePath, loadConformanceManifest, maxAbsDiff, readExpectedRgb, type ConformanceEntry } from './helpers/conformance.js';

// Held to Pillow 12.3.0's decoding of PngSuite and Pillow's own JPEG/GIF test images
// (test/fixtures/conformance/README.md). PNG and GIF are decoded by stroop's own code and must
// match exactly; JPEG by libjpeg-turbo, which may differ from Pillow's build by a level or two.
const formats = {
  PNG: { ext: '.png', tolerance: 0, decoder: 'stroop-png' },
  GIF: { ext: '.gif', tolerance: 0, decoder: 'stroop-gif' },
  JPEG: { ext: '.jpg', tolerance: 2, decoder: 'libjpeg-turbo' },
} as const;
type Format = keyof typeof formats;

const manifest = loadConformanceManifest();
const bytesOf = new Map(manifest.files.map((entry) => [entry.file, readFileSync(conformancePath(entry.file))]));
/** A generous bound per file (the slowest takes ~50 ms): a decoder that loops shows up here. */
const maxMillisPerFile = 10_000;

function entriesOf(format: Format): ConformanceEntry[] {
  return manifest.files.filter((entry) => entry.file.endsWith(formats[format].ext));
}

function decode(entry: ConformanceEntry, orientation: OrientationPolicy): DecodeResult {
  const started = performance.now();
  try {
    return decodeImageDetailed(bytesOf.get(entry.file)!, { path: entry.file, orientation });
  } finally {
    const took = performance.now() - started;
    assert.ok(took < maxMillisPerFile, `${entry.file} took ${Math.round(took)} ms to decode`);
  }
}

/** What is wrong with decoding `entry` (empty when it matches `expectedFile` within `tolerance`). */
function compare(entry: ConformanceEntry, orientation: OrientationPolicy, expectedFile: string, tolerance: number, diffs: number[]): string[] {
  let result: DecodeResult;
  try {
    result = decode(entry, orientation);
  } catch (error) {
    return [`${entry.file}: refused, but Pillow opens it (${error instanceof Error ? error.message : String(error)})`];
  }
  const problems: string[] = [];
  const expected = readExpectedRgb(expectedFile);
  const { image } = result;
  if (result.sourceMode !== entry.mode) problems.push(`${entry.file}: source mode ${result.sourceMode}, Pillow's is ${entry.mode}`);
  if (orientation === 'ignore' && (image.width !== entry.width || image.height !== entry.height)) {
    problems.push(`${entry.file}: size ${image.width}x${image.height}, Pillow's is ${entry.width}x${entry.height}`);
  }
  if (image.width !== expected.width || image.height !== expected.height) {
    return [...problems, `${entry.file} (${orientation}): ${image.width}x${image.height}, expected ${expected.width}x${expected.height}`];
  }
  const diff = maxAbsDiff(convertToRgb(image), expected.rgb);
  diffs.push(diff);
  if (diff > tolerance) problems.push(`${entry.file} (${orientation}): pixels differ from Pillow's by up to ${diff} levels (allowed ${tolerance})`);
  return problems;
}

function summary(diffs: readonly number[]): string {
  const exact = diffs.filter((d) => d === 0).length;
  return `${diffs.length} compared, ${exact} exact, max diff ${Math.max(0, ...diffs)}`;
}

describe('decoder conformance with Pillow', () => {
  it('has the whole conformance set, byte for byte', () => {
    assert.equal(manifest.pillow, '12.3.0');
    assert.equal(manifest.files.length, 268);
    for (const format of Object.keys(formats) as Format[]) assert.ok(entriesOf(format).length >= 30, `${format} files missing`);
    for (const entry of manifest.files) {
      assert.equal(createHash('sha256').update(bytesOf.get(entry.file)!).digest('hex'), entry.sha256, entry.file);
    }
  });

  for (const format of Object.keys(formats) as Format[]) {
    const { tolerance, decoder } = formats[format];
    const pixels = tolerance === 0 ? 'exactly its pixels' : `its pixels within ${tolerance} levels`;

    it(`${format}: every file Pillow opens is opened, in Pillow's mode and size, with ${pixels}`, (t) => {
      const opened = entriesOf(format).filter((entry) => entry.expected !== undefined);
      const diffs: number[] = [];
      const problems = opened.flatMap((entry) => compare(entry, 'ignore', entry.expected!, tolerance, diffs));
      t.diagnostic(`${format}: ${summary(diffs)}`);
      assert.deepEqual(problems, []);
      assert.equal(diffs.length, opened.length);
    });

    it(`${format}: every file Pillow refuses is refused with a one-line ImageError naming it`, (t) => {
      const refused = entriesOf(format).filter((entry) => entry.pillow_error !== undefined);
      assert.ok(refused.length > 0);
      for (const entry of refused) {
        assert.throws(
          () => decode(entry, 'exif'),
          (error: unknown) => error instanceof ImageError && error.path === entry.file && error.message.includes(`'${entry.file}'`) && !error.message.includes('\n'),
          `${entry.file}: Pillow refuses it (${entry.pillow_error ?? ''})`,
        );
      }
      t.diagnostic(`${format}: ${refused.length} refused as Pillow refuses them`);
    });

    it(`${format}: the decoder that ran is ${decoder}`, () => {
      const entry = entriesOf(format).find((e) => e.expected !== undefined)!;
      assert.equal(decode(entry, 'ignore').decoder, decoder);
    });
  }

  it("JPEG with orientation exif: Pillow's orientation is read, and the picture matches exif_transpose within 2 levels", (t) => {
    const jpegs = entriesOf('JPEG').filter((entry) => entry.expected !== undefined);
    assert.ok(jpegs.filter((entry) => entry.expected_exif !== undefined).length >= 9);
    const diffs: number[] = [];
    const problems = jpegs.flatMap((entry) => {
      const orientation = decode(entry, 'exif').exifOrientation;
      const wrong = orientation === (entry.orientation ?? 1) ? [] : [`${entry.file}: orientation ${orientation}, Pillow reads ${entry.orientation ?? 1}`];
      // Files Pillow would not turn must come out as stored.
      return [...wrong, ...compare(entry, 'exif', entry.expected_exif ?? entry.expected!, formats.JPEG.tolerance, diffs)];
    });
    t.diagnostic(`JPEG (exif): ${summary(diffs)}`);
    assert.deepEqual(problems, []);
  });
});
