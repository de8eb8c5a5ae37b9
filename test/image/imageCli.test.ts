import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { runCli } from '../helpers/runCli.js';
import { conformancePath, maxAbsDiff, readExpectedRgb } from './helpers/conformance.js';

const out = mkdtempSync(path.join(tmpdir(), 'stroop-image-'));

/** The RGB bytes of a PNG `stroop image` wrote, asserting it is an 8-bit RGB PNG. */
function readRgbPng(file: string): { width: number; height: number; rgb: Uint8Array } {
  const bytes = readFileSync(file);
  assert.deepEqual([bytes[24], bytes[25]], [8, 2], '8-bit, colour type 2 (RGB)');
  const png = PNG.sync.read(bytes);
  const rgb = new Uint8Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) rgb.set(png.data.subarray(i * 4, i * 4 + 3), i * 3);
  return { width: png.width, height: png.height, rgb };
}

describe('stroop image', () => {
  it('writes the decoded RGB pixels, EXIF-rotated by default, and prints size, source mode and decoder with --json', async () => {
    const file = path.join(out, 'rotated.png');
    const result = await runCli(['image', conformancePath('pillow/hopper_orientation_6.jpg'), '--out', file, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(summary['width'], 128);
    assert.equal(summary['height'], 128);
    assert.equal(summary['format'], 'jpeg');
    assert.equal(summary['sourceMode'], 'RGB');
    assert.equal(summary['decoder'], 'libjpeg-turbo');
    assert.match(String(summary['decoderVersion']), /via node-canvas/);
    assert.deepEqual(summary['orientation'], { policy: 'exif', exif: 6, applied: true });
    const expected = readExpectedRgb('pillow/expected-exif/hopper_orientation_6.jpg.png');
    assert.ok(maxAbsDiff(readRgbPng(file).rgb, expected.rgb) <= 2);
  });

  it('keeps the stored orientation with --orientation ignore, and says so without --json', async () => {
    const file = path.join(out, 'stored.png');
    const result = await runCli(['image', conformancePath('pillow/hopper_orientation_6.jpg'), '--out', file, '--orientation', 'ignore']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^wrote .*stored\.png 128x128 RGB \(JPEG mode RGB, decoded by libjpeg.* via node-canvas .*, EXIF orientation 6 ignored\)\n$/);
    const expected = readExpectedRgb('pillow/expected/hopper_orientation_6.jpg.png');
    assert.ok(maxAbsDiff(readRgbPng(file).rgb, expected.rgb) <= 2);
  });

  it("writes a 16-bit grey PNG as Pillow's convert('RGB') gives it (clipped), reporting mode I;16", async () => {
    const file = path.join(out, 'grey16.png');
    const result = await runCli(['image', conformancePath('pngsuite/basn0g16.png'), '--out', file, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as Record<string, unknown>)['sourceMode'], 'I;16');
    assert.deepEqual(readRgbPng(file).rgb, readExpectedRgb('pngsuite/expected/basn0g16.png.png').rgb);
  });

  it('refuses files Pillow refuses with exit 2 and one line naming the file, writing nothing', async () => {
    const cases = [
      ['pillow/truncated_jpeg.jpg', /truncated JPEG/],
      ['pngsuite/xc1n0g08.png', /corrupt PNG: unknown colour type 1/],
      ['pillow/decompression_bomb.gif', /above the limit of 89478485 pixels/],
    ] as const;
    // Spawned side by side: each CLI start takes seconds on a busy machine.
    const results = await Promise.all(cases.map(([name]) => runCli(['image', conformancePath(name), '--out', path.join(out, `${path.basename(name)}.png`)])));
    cases.forEach(([name, reason], i) => {
      const result = results[i]!;
      assert.equal(result.code, 2, `${name}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(`stroop: Cannot read image '${conformancePath(name)}': `), result.stderr);
      assert.match(result.stderr, reason);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.equal(existsSync(path.join(out, `${path.basename(name)}.png`)), false);
    });
  });

  it('falls back to jpeg-js where node-canvas cannot be loaded, and says so', async () => {
    // Preloaded into the CLI process: makes require('canvas') fail as on a machine without its native build.
    const preload = path.join(out, 'noCanvas.cjs');
    writeFileSync(
      preload,
      `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'canvas') throw new Error('canvas is not installed (test)');
  return resolve.call(this, request, ...rest);
};
`,
    );
    const file = path.join(out, 'fallback.png');
    const result = await runCli(['image', conformancePath('pillow/hopper.jpg'), '--out', file, '--json'], { env: { NODE_OPTIONS: `--require ${preload}` } });
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(summary['decoder'], 'jpeg-js');
    assert.match(String(summary['decoderVersion']), /^jpeg-js \d/);
    assert.deepEqual([summary['width'], summary['height']], [128, 128]);
  });

  it('exits 2 for a missing file, an unwritable --out and an unknown --orientation', async () => {
    const input = conformancePath('pillow/hopper.gif');
    const [missing, unwritable, sideways] = await Promise.all([
      runCli(['image', path.join(out, 'nope.png'), '--out', path.join(out, 'x.png')]),
      runCli(['image', input, '--out', path.join(out, 'no', 'such', 'dir.png')]),
      runCli(['image', input, '--out', path.join(out, 'x.png'), '--orientation', 'sideways']),
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.png': no such file/);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /Cannot write --out/);
    assert.equal(sideways.code, 2);
    assert.match(sideways.stderr, /Choices: "ignore", "exif"/);
  });
});
