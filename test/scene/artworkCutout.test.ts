import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solidRgbaImage, type RgbaImage } from '../../src/image/rgbaImage.js';
import { cutOutArtwork, isGreyscaleArt, paintArtwork } from '../../src/scene/artworkCutout.js';

/** A white `size` square with a `colour` square of side `inner` at its centre, and (optionally) a white hole at the very centre. */
function framed(size: number, inner: number, colour: readonly [number, number, number], hole = false): RgbaImage {
  const image = solidRgbaImage(size, size);
  const from = (size - inner) / 2;
  for (let y = from; y < from + inner; y++) for (let x = from; x < from + inner; x++) image.data.set(colour, 4 * (y * size + x));
  if (hole) image.data.set([255, 255, 255], 4 * ((size / 2) * size + size / 2));
  return image;
}

const alphaAt = (image: RgbaImage, x: number, y: number) => image.data[4 * (y * image.width + x) + 3];

describe('cutOutArtwork', () => {
  it('makes greyscale art black ink whose opacity is its darkness, white fully transparent', () => {
    const art = framed(8, 4, [0, 0, 0]);
    art.data.set([128, 128, 128], 0); // an anti-aliased grey corner pixel
    assert.equal(isGreyscaleArt(art), true);
    const cut = cutOutArtwork(art);
    assert.equal(cut.monochrome, true);
    assert.equal(alphaAt(cut.image, 4, 4), 255);
    assert.equal(alphaAt(cut.image, 1, 6), 0);
    assert.equal(alphaAt(cut.image, 0, 0), 127);
    assert.deepEqual([...cut.image.data.subarray(16, 19)], [0, 0, 0]);
  });

  it('cuts colour art out of the white joined to its border, keeping white enclosed by the art', () => {
    const art = framed(8, 4, [200, 30, 30], true);
    assert.equal(isGreyscaleArt(art), false);
    const cut = cutOutArtwork(art);
    assert.equal(cut.monochrome, false);
    assert.equal(alphaAt(cut.image, 0, 0), 0);
    assert.equal(alphaAt(cut.image, 7, 3), 0);
    assert.equal(alphaAt(cut.image, 3, 3), 255);
    assert.equal(alphaAt(cut.image, 4, 4), 255, 'the white hole inside the art stays');
    assert.deepEqual([...cut.image.data.subarray(4 * (3 * 8 + 3), 4 * (3 * 8 + 3) + 3)], [200, 30, 30]);
  });

  it('is computed once per image, and a white image is not ink', () => {
    const art = framed(8, 2, [10, 10, 10]);
    assert.equal(cutOutArtwork(art), cutOutArtwork(art));
    assert.equal(isGreyscaleArt(solidRgbaImage(4, 4)), false);
  });
});

describe('paintArtwork', () => {
  it('sets every colour and keeps the shape (alpha)', () => {
    const cut = cutOutArtwork(framed(8, 4, [0, 0, 0])).image;
    const painted = paintArtwork(cut, [10, 200, 30]);
    assert.deepEqual([...painted.data.subarray(4 * (4 * 8 + 4), 4 * (4 * 8 + 4) + 4)], [10, 200, 30, 255]);
    assert.equal(alphaAt(painted, 0, 0), 0);
    assert.equal(alphaAt(cut, 4, 4), 255, 'the cut-out itself is unchanged');
  });
});
