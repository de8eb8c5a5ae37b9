import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/random/createRng.js';
import { solidRgbaImage } from '../../src/image/rgbaImage.js';
import { composeTrainingImage, type ComposeOptions } from '../../src/train/composeTrainingImage.js';

const size = 64;
const options: ComposeOptions = { size, artworkScale: [1, 1], mirror: false, colourJitter: 0, writtenWordRate: 0, wordOnlyRate: 1, wordOverOtherArtworkShare: 1, wordVariety: 0 };
const own = solidRgbaImage(size, size, [200, 0, 0]);
const other = solidRgbaImage(size, size, [0, 0, 200]);

describe('composeTrainingImage', () => {
  it('writes the word over another class artwork, drawn only when used', () => {
    let calls = 0;
    const image = composeTrainingImage(own, 'dog', options, createRng(1, 'compose'), () => (calls++, other));
    assert.equal(image.kind, 'wordOverOtherArtwork');
    assert.equal(calls, 1);
    assert.deepEqual([...image.image.data.subarray(0, 4)], [0, 0, 200, 255], 'the corner shows the other artwork');
    const centre = 4 * ((size / 2) * size + size / 2 - 12);
    const row = image.image.data.subarray(centre, centre + 4 * 24);
    assert.ok(row.some((v, i) => i % 4 === 0 && v > 100), 'a light label is written across the middle');
  });

  it('with a share of 0 (or no other artwork) keeps word-only images on a plain background, without drawing another artwork', () => {
    let calls = 0;
    for (const share of [0, 1]) {
      const image = composeTrainingImage(own, 'dog', { ...options, wordOverOtherArtworkShare: share }, createRng(2, 'compose'), share === 0 ? () => (calls++, other) : undefined);
      assert.equal(image.kind, 'wordOnly');
      assert.deepEqual([...image.image.data.subarray(0, 4)], [255, 255, 255, 255]);
    }
    assert.equal(calls, 0);
  });
});
