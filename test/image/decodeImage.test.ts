import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ImageError } from '../../src/errors/errors.js';
import { decodeImage, defaultMaxPixels, readImageFile } from '../../src/image/decodeImage.js';
import { fixturePath } from '../helpers/paths.js';
import { encodePng, pngHeaderOnly } from './helpers/encodePng.js';

const goldenPng = fixturePath('clip-tiny', 'golden', 'images', 'landscape_320x240.png');

/** Asserts an ImageError whose one-line message names the file and matches `reason`. */
function assertImageError(action: () => unknown, file: string, reason: RegExp): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof ImageError, `expected ImageError, got ${String(error)}`);
    assert.equal(error.path, file);
    assert.ok(error.message.includes(`'${file}'`), error.message);
    assert.match(error.message, reason);
    assert.ok(!error.message.includes('\n'), 'one line');
    return true;
  });
}

describe('decodeImage errors', () => {
  it("uses Pillow's MAX_IMAGE_PIXELS as the default limit", () => {
    assert.equal(defaultMaxPixels, Math.floor((1024 * 1024 * 1024) / 4 / 3));
  });

  it('refuses a PNG header claiming 100000x100000 before decoding (no image data is present at all)', () => {
    assertImageError(() => decodeImage(pngHeaderOnly(100000, 100000), { path: 'huge.png' }), 'huge.png', /100000x100000 = 10000000000 pixels is above the limit of 89478485/);
  });

  it('applies a caller-chosen pixel limit', () => {
    const bytes = readFileSync(goldenPng);
    assertImageError(() => decodeImage(bytes, { path: 'x.png', maxPixels: 320 * 240 - 1 }), 'x.png', /above the limit of 76799/);
    assert.equal(decodeImage(bytes, { maxPixels: 320 * 240 }).width, 320);
  });

  it('refuses zero bytes, text and truncated or corrupt PNGs', () => {
    const bytes = readFileSync(goldenPng);
    assertImageError(() => decodeImage(new Uint8Array(0), { path: 'empty.png' }), 'empty.png', /empty \(0 bytes\)/);
    assertImageError(() => decodeImage(Buffer.from('not an image\n'), { path: 'text.png' }), 'text.png', /unknown image format.*allowed formats: PNG, JPEG, GIF/);
    assertImageError(() => decodeImage(bytes.subarray(0, bytes.length >> 1), { path: 'half.png' }), 'half.png', /truncated PNG/);
    const corrupt = Buffer.from(bytes);
    corrupt[20] = corrupt[20]! ^ 0xff; // inside IHDR: its CRC no longer matches
    assertImageError(() => decodeImage(corrupt, { path: 'bad.png' }), 'bad.png', /bad CRC in chunk IHDR/);
  });

  it('refuses a PNG whose image data stops short', () => {
    const png = encodePng({ width: 4, height: 4, colorType: 0, bitDepth: 8, samples: new Array<number>(16).fill(7) });
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    const shortened = Buffer.concat([png.subarray(0, idat - 4), Buffer.from([0, 0, 0, length - 4]), png.subarray(idat, idat + 4 + length - 4), Buffer.alloc(4)]);
    assertImageError(() => decodeImage(shortened, { path: 's.png' }), 's.png', /truncated or corrupt PNG image data/);
  });

  it('recognises WebP but refuses to decode it, saying why', () => {
    const webp = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8X', 'latin1'), Buffer.alloc(4), Buffer.from([0, 0, 0, 0, 9, 0, 0, 9, 0, 0])]);
    assertImageError(() => decodeImage(webp, { path: 'a.webp' }), 'a.webp', /WebP is not supported \(no WebP decoder is installed\); allowed formats: PNG, JPEG, GIF/);
  });
});

describe('readImageFile', () => {
  it('reads a file and reports missing files and renamed text files as ImageError', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stroop-image-'));
    const renamed = path.join(dir, 'notes.png');
    writeFileSync(renamed, 'these are notes, not pixels');
    await assert.rejects(readImageFile(renamed), (e: unknown) => e instanceof ImageError && e.path === renamed && /unknown image format/.test(e.message));
    const missing = path.join(dir, 'missing.png');
    await assert.rejects(readImageFile(missing), (e: unknown) => e instanceof ImageError && /no such file/.test(e.message));
    await assert.rejects(readImageFile(dir), (e: unknown) => e instanceof ImageError && /directory/.test(e.message));
    const image = await readImageFile(goldenPng, { maxPixels: 100_000 });
    assert.deepEqual([image.width, image.height, image.mode], [320, 240, 'RGB']);
  });
});
