import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigError } from '../../src/errors/errors.js';
import { channelCount, type DecodedImage, type ImageMode } from '../../src/image/decodedImage.js';
import { cropImage, pillowResize } from '../../src/image/pillowResize.js';

const seed = 424242;
const modes: ImageMode[] = ['L', 'LA', 'RGB', 'RGBA', 'CMYK', 'P'];

function noiseImage(width: number, height: number, mode: ImageMode, salt: number): DecodedImage {
  const data = new Uint8Array(width * height * channelCount[mode]);
  for (let i = 0; i < data.length; i++) data[i] = (Math.imul(i + 11, salt | 1) >>> 15) & 0xff;
  return { width, height, mode, data };
}

/** Keys' cubic (a = -0.5), written from its textbook definition. */
function keys(x: number): number {
  const t = Math.abs(x);
  if (t < 1) return 1.5 * t ** 3 - 2.5 * t ** 2 + 1;
  if (t < 2) return -0.5 * t ** 3 + 2.5 * t ** 2 - 4 * t + 2;
  return 0;
}

/**
 * An independent floating-point antialiased bicubic resize of one grey channel: window centre
 * (x + 0.5) * scale, kernel stretched by max(scale, 1), weights normalised; the intermediate
 * image is clamped to 0..255 (as Pillow's 8-bit intermediate is) but not rounded.
 */
function referenceResize(src: Float64Array, width: number, height: number, outWidth: number, outHeight: number): Float64Array {
  const axis = (inSize: number, outSize: number, read: (i: number) => number, o: number): number => {
    const scale = inSize / outSize;
    const stretch = Math.max(scale, 1);
    const centre = (o + 0.5) * scale;
    let sum = 0;
    let norm = 0;
    for (let i = 0; i < inSize; i++) {
      const w = keys((i + 0.5 - centre) / stretch);
      sum += w * read(i);
      norm += w;
    }
    return sum / norm;
  };
  const temp = new Float64Array(outWidth * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outWidth; x++) {
      temp[y * outWidth + x] = Math.min(255, Math.max(0, axis(width, outWidth, (i) => src[y * width + i]!, x)));
    }
  }
  const out = new Float64Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) out[y * outWidth + x] = axis(height, outHeight, (i) => temp[i * outWidth + x]!, y);
  }
  return out;
}

describe('pillowResize', () => {
  it('stays within rounding of an independent floating-point antialiased bicubic resize', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 48 }), fc.integer({ min: 2, max: 48 }), fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 48 }), fc.integer(), (w, h, ow, oh, salt) => {
        const image = noiseImage(w, h, 'L', salt);
        const ours = pillowResize(image, ow, oh);
        const expected = referenceResize(Float64Array.from(image.data), w, h, ow, oh);
        for (let i = 0; i < expected.length; i++) {
          const want = Math.min(255, Math.max(0, expected[i]!));
          assert.ok(Math.abs(ours.data[i]! - want) <= 2, `pixel ${i}: ${ours.data[i]} vs ${want.toFixed(3)} (${w}x${h} -> ${ow}x${oh})`);
        }
      }),
      { seed, numRuns: 60 },
    );
  });

  it('keeps a constant image constant, in every mode, at any size', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('L', 'LA', 'RGB', 'CMYK', 'RGBA'),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
        (mode, w, h, ow, oh, value) => {
          const channels = channelCount[mode];
          // Alpha 255: premultiplying is the identity, so the colour must survive unchanged.
          const pixel = mode === 'LA' || mode === 'RGBA' ? [...value.slice(0, channels - 1), 255] : value.slice(0, channels);
          const data = new Uint8Array(w * h * channels);
          for (let i = 0; i < data.length; i++) data[i] = pixel[i % channels]!;
          const out = pillowResize({ width: w, height: h, mode, data }, ow, oh);
          assert.deepEqual([out.width, out.height, out.mode], [ow, oh, mode]);
          for (let i = 0; i < out.data.length; i++) assert.equal(out.data[i], pixel[i % channels]);
        },
      ),
      { seed, numRuns: 80 },
    );
  });

  it('computes a region exactly as resizing everything and cropping', () => {
    fc.assert(
      fc.property(fc.constantFrom(...modes), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer(), fc.integer(), (mode, w, h, ow, oh, salt, corner) => {
        const image = noiseImage(w, h, mode, salt);
        const left = Math.abs(corner) % ow;
        const top = Math.abs(corner >> 8) % oh;
        const region = { left, top, width: ow - left, height: Math.max(1, (oh - top) >> 1) };
        const full = pillowResize(image, ow, oh);
        assert.deepEqual(pillowResize(image, ow, oh, { region }), cropImage(full, left, top, region.width, region.height));
      }),
      { seed, numRuns: 80 },
    );
  });

  it('resizes RGBA premultiplied: fully transparent areas come out black, and no hidden colour bleeds in', () => {
    // 64x1: left half alpha 0 over red, right half opaque blue.
    const data = new Uint8Array(64 * 4);
    for (let x = 0; x < 64; x++) data.set(x < 32 ? [255, 0, 0, 0] : [0, 0, 255, 255], x * 4);
    const out = pillowResize({ width: 64, height: 1, mode: 'RGBA', data }, 8, 1);
    assert.deepEqual(Array.from(out.data.subarray(0, 4)), [0, 0, 0, 0]);
    assert.deepEqual(Array.from(out.data.subarray(28, 32)), [0, 0, 255, 255]);
    for (let x = 0; x < 8; x++) assert.equal(out.data[x * 4], 0, `red leaked into pixel ${x}`);
  });

  it('resizes palette images with nearest neighbour (Pillow forces NEAREST for P)', () => {
    const palette = new Uint8Array(1024);
    const shrink = pillowResize({ width: 4, height: 1, mode: 'P', data: Uint8Array.from([0, 1, 2, 3]), palette }, 2, 1);
    assert.deepEqual(Array.from(shrink.data), [1, 3]); // sample points 1.0 and 3.0
    const grow = pillowResize({ width: 3, height: 1, mode: 'P', data: Uint8Array.from([5, 6, 7]), palette }, 6, 1);
    assert.deepEqual(Array.from(grow.data), [5, 5, 6, 6, 7, 7]);
    assert.equal(grow.palette, palette);
  });

  it('returns the same image when the size does not change, and refuses unknown filters', () => {
    const image = noiseImage(5, 4, 'RGB', 3);
    assert.equal(pillowResize(image, 5, 4), image);
    assert.throws(() => pillowResize(image, 3, 3, { resample: 9 }), (e: unknown) => e instanceof ConfigError && /Unknown resample filter 9/.test(e.message));
  });
});
