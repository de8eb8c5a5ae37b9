import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/createRng.js';
import { solidRgbaImage, type RgbaImage } from '../../src/image/rgbaImage.js';
import { jitterColours, saturationHueMatrix } from '../../src/scene/jitterColours.js';
import { composeTrainingImage, type ComposeOptions } from '../../src/train/composeTrainingImage.js';
import { writtenWordSpec } from '../../src/train/writtenWordStyles.js';

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

const specs = (variety: number, count = 200) => Array.from({ length: count }, (_, i) => writtenWordSpec('hot air balloon', createRng(i, 'writtenWordSpec.test'), variety));

describe('writtenWordSpec', () => {
  it('writes the plain word at variety 0, whatever the stream: dark ink on a paper label', () => {
    for (const spec of specs(0)) {
      assert.equal(spec.text, 'hot air balloon');
      assert.deepEqual(spec.font, { family: 'DejaVu Sans', weight: 'normal', style: 'normal' });
      assert.equal(spec.size.value, 0.3);
      assert.ok(['#000000', '#1a1a1a', '#202060', '#602020'].includes(spec.fill), spec.fill);
      assert.equal(spec.stroke.widthPx, 0);
      assert.deepEqual(spec.placement, { kind: 'fraction', x: 0.5, y: 0.5 });
      assert.ok(spec.rotationDeg === 0, `tilt ${spec.rotationDeg}`);
      assert.ok(spec.sticker !== null && spec.sticker.opacity === 1, 'always on a label');
      assert.equal(spec.letterCase, 'asIs');
    }
  });

  it('strays from the plain word no further than the variety allows', () => {
    for (const spec of specs(0.5)) {
      assert.ok(spec.size.value >= 0.3 - 0.09 - 1e-9 && spec.size.value <= 0.3 + 0.03 + 1e-9, `size ${spec.size.value}`);
      assert.ok(spec.placement.kind === 'fraction' && Math.abs(spec.placement.x - 0.5) <= 0.15 + 1e-9 && Math.abs(spec.placement.y - 0.5) <= 0.15 + 1e-9, JSON.stringify(spec.placement));
      assert.ok(Math.abs(spec.rotationDeg) <= 6, `tilt ${spec.rotationDeg}`);
    }
  });

  it('varies face, size, position, tilt and case at full variety, down to the openai-sticker size', () => {
    const varied = specs(1);
    const distinct = (pick: (spec: (typeof varied)[number]) => unknown) => new Set(varied.map((spec) => JSON.stringify(pick(spec)))).size;
    assert.ok(distinct((s) => [s.font.family, s.font.weight]) >= 8);
    assert.ok(distinct((s) => s.letterCase) === 4);
    assert.ok(distinct((s) => s.rotationDeg) >= 10);
    assert.ok(distinct((s) => s.sticker?.colour) >= 4);
    const sizes = varied.map((s) => s.size.value);
    assert.ok(Math.min(...sizes) < 0.14 && Math.max(...sizes) > 0.33, `sizes ${Math.min(...sizes)}..${Math.max(...sizes)}`);
  });
});
