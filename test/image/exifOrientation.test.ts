import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecodedImage } from '../../src/image/decodedImage.js';
import { orientImage } from '../../src/image/exifOrientation.js';

// A 3x2 grey image with distinct values:   1 2 3
//                                          4 5 6
const stored: DecodedImage = { width: 3, height: 2, mode: 'L', data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };

// What the EXIF specification says the upright picture looks like for each orientation,
// written out by hand (rows top to bottom).
const upright: Record<number, number[][]> = {
  1: [[1, 2, 3], [4, 5, 6]],
  2: [[3, 2, 1], [6, 5, 4]], // mirrored horizontally
  3: [[6, 5, 4], [3, 2, 1]], // rotated 180
  4: [[4, 5, 6], [1, 2, 3]], // mirrored vertically
  5: [[1, 4], [2, 5], [3, 6]], // transposed
  6: [[4, 1], [5, 2], [6, 3]], // rotated 90 clockwise
  7: [[6, 3], [5, 2], [4, 1]], // transversed
  8: [[3, 6], [2, 5], [1, 4]], // rotated 90 counter-clockwise
};

describe('orientImage', () => {
  for (const [orientation, rows] of Object.entries(upright)) {
    it(`orientation ${orientation}`, () => {
      const image = orientImage(stored, Number(orientation));
      assert.deepEqual([image.width, image.height], [rows[0]!.length, rows.length]);
      assert.deepEqual(Array.from(image.data), rows.flat());
    });
  }

  it('moves whole pixels of multi-channel images', () => {
    const rgb: DecodedImage = { width: 2, height: 1, mode: 'RGB', data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    assert.deepEqual(Array.from(orientImage(rgb, 6).data), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(Array.from(orientImage(rgb, 2).data), [4, 5, 6, 1, 2, 3]);
  });
});
