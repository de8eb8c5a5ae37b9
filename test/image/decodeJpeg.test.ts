import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jpeg from 'jpeg-js';
import { decodeImage } from '../../src/image/decodeImage.js';
import { greyBlocksJpeg, withExifOrientation } from './helpers/encodeJpeg.js';

/** A 16x8 JPEG: left half red, right half blue (flat 8x8 blocks, so colours survive compression). */
function redBlueJpeg(): Buffer {
  const width = 16;
  const height = 8;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(x < 8 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * width + x) * 4);
    }
  }
  return jpeg.encode({ width, height, data }, 95).data;
}

function pixel(image: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  return Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));
}

function isRed(rgb: number[]): boolean {
  return rgb[0]! > 200 && rgb[1]! < 40 && rgb[2]! < 40;
}

function isBlue(rgb: number[]): boolean {
  return rgb[0]! < 40 && rgb[1]! < 40 && rgb[2]! > 200;
}

describe('decodeJpeg', () => {
  it('decodes a colour JPEG as RGB', () => {
    const image = decodeImage(redBlueJpeg());
    assert.deepEqual([image.mode, image.width, image.height], ['RGB', 16, 8]);
    assert.ok(isRed(pixel(image, 0, 0)) && isBlue(pixel(image, 15, 7)));
  });

  it('decodes a 1-component JPEG as L with the encoded grey levels', () => {
    const image = decodeImage(greyBlocksJpeg([64, 192, 0, 255]));
    assert.deepEqual([image.mode, image.width, image.height], ['L', 32, 8]);
    assert.deepEqual([0, 8, 16, 24].map((x) => image.data[7 * 32 + x]), [64, 192, 0, 255]);
  });

  it('applies EXIF orientation 6 (rotate 90 degrees clockwise): size swaps, the left half ends on top', () => {
    for (const littleEndian of [false, true]) {
      const image = decodeImage(withExifOrientation(redBlueJpeg(), 6, littleEndian));
      assert.deepEqual([image.width, image.height], [8, 16]);
      assert.ok(isRed(pixel(image, 0, 0)) && isRed(pixel(image, 7, 7)), 'top half red');
      assert.ok(isBlue(pixel(image, 0, 8)) && isBlue(pixel(image, 7, 15)), 'bottom half blue');
    }
  });

  it('applies orientation 8 (90 degrees counter-clockwise) and 3 (180), and can be told not to', () => {
    const ccw = decodeImage(withExifOrientation(redBlueJpeg(), 8));
    assert.deepEqual([ccw.width, ccw.height], [8, 16]);
    assert.ok(isBlue(pixel(ccw, 0, 0)) && isRed(pixel(ccw, 0, 15)));
    const half = decodeImage(withExifOrientation(redBlueJpeg(), 3));
    assert.ok(isBlue(pixel(half, 0, 0)) && isRed(pixel(half, 15, 0)));
    const raw = decodeImage(withExifOrientation(redBlueJpeg(), 6), { applyExifOrientation: false });
    assert.deepEqual([raw.width, raw.height], [16, 8]);
    assert.ok(isRed(pixel(raw, 0, 0)));
  });

  it('refuses truncated JPEG data', () => {
    const bytes = redBlueJpeg();
    assert.throws(() => decodeImage(bytes.subarray(0, bytes.length - 40), { path: 'cut.jpg' }), /'cut\.jpg': truncated or corrupt JPEG data/);
  });
});
