import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/random/createRng.js';
import type { RgbaImage } from '../../src/image/rgbaImage.js';
import { jitterColours, saturationHueMatrix } from '../../src/train/jitterColours.js';

/** Pixels given as [r, g, b] triples, opaque. */
function image(pixels: readonly (readonly [number, number, number])[]): RgbaImage {
  const data = new Uint8Array(pixels.length * 4);
  pixels.forEach(([r, g, b], i) => data.set([r, g, b, 255], 4 * i));
  return { width: pixels.length, height: 1, data };
}

const apply = (m: readonly number[], [r, g, b]: readonly number[]) => [0, 1, 2].map((row) => m[3 * row]! * r! + m[3 * row + 1]! * g! + m[3 * row + 2]! * b!);
const close = (a: readonly number[], b: readonly number[], tol = 1e-9) => a.every((x, i) => Math.abs(x - b[i]!) <= tol);

describe('saturationHueMatrix', () => {
  it('is the identity at saturation 1 and no turn, and keeps every grey at any setting', () => {
    assert.ok(close(saturationHueMatrix(1, 0), [1, 0, 0, 0, 1, 0, 0, 0, 1]));
    for (const [s, turn] of [[0, 0], [1.5, 0.3], [0.5, -0.26]] as const) {
      for (const grey of [0, 0.2, 1]) assert.ok(close(apply(saturationHueMatrix(s, turn), [grey, grey, grey]), [grey, grey, grey]), `${s} ${turn} ${grey}`);
    }
  });

  it('at saturation 0 maps a colour to its luma, and a turn changes the hue of a colour', () => {
    const red = [1, 0, 0];
    const y = 0.299;
    assert.ok(close(apply(saturationHueMatrix(0, 0.4), red), [y, y, y], 1e-6));
    const turned = apply(saturationHueMatrix(1, 0.5), red);
    assert.ok(!close(turned, red, 0.05), `red turned by 0.5 rad: ${turned.join(', ')}`);
  });
});

describe('jitterColours', () => {
  const art = image([[255, 255, 255], [0, 0, 0], [230, 40, 40], [250, 200, 30], [30, 120, 200]]);

  it('draws nothing and returns the image at strength 0', () => {
    const rng = createRng(1, 'x');
    assert.equal(jitterColours(art, 0, rng), art);
    assert.equal(rng.next(), createRng(1, 'x').next());
  });

  it('keeps white white and black black, and recolours the rest, reproducibly per seed', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const out = jitterColours(art, 1, createRng(seed, 'jitter'));
      assert.deepEqual([...out.data.subarray(0, 8)], [255, 255, 255, 255, 0, 0, 0, 255], `seed ${seed}`);
      assert.deepEqual(out.data, jitterColours(art, 1, createRng(seed, 'jitter')).data);
      seen.add(Buffer.from(out.data.subarray(8)).toString('hex'));
    }
    assert.ok(seen.size >= 19, `${seen.size} different recolourings of 20`);
    assert.deepEqual([...art.data.subarray(8, 12)], [230, 40, 40, 255], 'the input is left as it was');
  });
});
