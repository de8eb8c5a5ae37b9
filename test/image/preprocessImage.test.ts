import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { channelCount, type DecodedImage, type ImageMode } from '../../src/image/decodedImage.js';
import { normalizationTable, preprocessGeometry, preprocessImage, preprocessInto, preprocessRgba, roundHalfEven } from '../../src/image/preprocessImage.js';
import type { PreprocessorConfig } from '../../src/model/preprocessorConfig.js';

const seed = 1234;
const openAi: PreprocessorConfig = Object.freeze({
  doResize: true,
  resizeMode: 'shortestEdge',
  shortestEdge: 16,
  resizeHeight: 16,
  resizeWidth: 16,
  convertRgb: 'afterResize',
  resample: 3,
  doCenterCrop: true,
  cropHeight: 16,
  cropWidth: 16,
  doRescale: true,
  rescaleFactor: 1 / 255,
  doNormalize: true,
  imageMean: [0.48145466, 0.4578275, 0.40821073] as const,
  imageStd: [0.26862954, 0.26130258, 0.27577711] as const,
  doConvertRgb: true,
});

function noiseImage(width: number, height: number, mode: ImageMode, salt: number): DecodedImage {
  const data = new Uint8Array(width * height * channelCount[mode]);
  for (let i = 0; i < data.length; i++) data[i] = (Math.imul(i + 5, salt | 1) >>> 17) & 0xff;
  return { width, height, mode, data };
}

/** torchvision: ToTensor divides by 255 in float32, Normalize subtracts and divides in float32. */
function torchvisionValue(level: number, channel: number): number {
  const f = Math.fround;
  return f(f(f(level / 255) - f(openAi.imageMean[channel]!)) / f(openAi.imageStd[channel]!));
}

describe('roundHalfEven', () => {
  it("rounds like Python's round()", () => {
    assert.deepEqual([10.5, 9.5, 1.5, 2.5, 0.5, 3.2, 3.7, 49.5, 10].map(roundHalfEven), [10, 10, 2, 2, 0, 3, 4, 50, 10]);
  });
});

describe('preprocessGeometry', () => {
  it('resizes the short side to shortestEdge and truncates the long side; the output is the crop size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 400 }), (width, height, edge) => {
        const config = { ...openAi, shortestEdge: edge, cropWidth: edge, cropHeight: edge };
        const g = preprocessGeometry(width, height, config);
        const [short, long] = width <= height ? [g.resizedWidth, g.resizedHeight] : [g.resizedHeight, g.resizedWidth];
        assert.equal(short, edge);
        assert.equal(long, Math.floor((edge * Math.max(width, height)) / Math.min(width, height)));
        assert.deepEqual([g.outputWidth, g.outputHeight], [edge, edge]);
        assert.ok(g.cropLeft >= 0 && g.cropLeft + edge <= g.resizedWidth);
        assert.ok(g.cropTop >= 0 && g.cropTop + edge <= g.resizedHeight);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('pads like torchvision when the crop is larger than the image', () => {
    const g = preprocessGeometry(5, 20, { ...openAi, doResize: false, cropWidth: 10, cropHeight: 10 });
    assert.deepEqual([g.cropLeft, g.cropTop, g.outputWidth, g.outputHeight], [-2, 5, 10, 10]); // (10 - 5) // 2 = 2 before
  });
});

describe('preprocessImage', () => {
  it('computes every level with torchvision float32 arithmetic', () => {
    const table = normalizationTable(openAi);
    for (let c = 0; c < 3; c++) for (let v = 0; v < 256; v++) assert.equal(table[c * 256 + v], torchvisionValue(v, c));
  });

  it('always returns [3, crop, crop] of normalised 8-bit levels, for any mode and size', () => {
    fc.assert(
      fc.property(fc.constantFrom<ImageMode>('L', 'LA', 'RGB', 'RGBA', 'CMYK'), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer(), (mode, w, h, salt) => {
        const pixels = preprocessImage(noiseImage(w, h, mode, salt), openAi);
        assert.equal(pixels.length, 3 * 16 * 16);
        for (let c = 0; c < 3; c++) {
          for (let i = 0; i < 256; i++) {
            const v = pixels[c * 256 + i]!;
            assert.ok(v >= torchvisionValue(0, c) && v <= torchvisionValue(255, c), `${v} out of range`);
          }
        }
      }),
      { seed, numRuns: 60 },
    );
  });

  it('zero-pads (black) around an image smaller than the crop', () => {
    const white: DecodedImage = { width: 4, height: 4, mode: 'L', data: new Uint8Array(16).fill(255) };
    const out = preprocessImage(white, { ...openAi, doResize: false, cropWidth: 8, cropHeight: 8 });
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const inside = x >= 2 && x < 6 && y >= 2 && y < 6;
          assert.equal(out[c * 64 + y * 8 + x], torchvisionValue(inside ? 255 : 0, c));
        }
      }
    }
  });

  it('treats an opaque RGBA raster exactly like the same RGB pixels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (w, h, salt) => {
        const rgb = noiseImage(w, h, 'RGB', salt);
        const rgba = new Uint8Array(w * h * 4);
        for (let i = 0; i < w * h; i++) rgba.set([...rgb.data.subarray(i * 3, i * 3 + 3), 255], i * 4);
        assert.deepEqual(preprocessRgba({ width: w, height: h, data: rgba }, openAi), preprocessImage(rgb, openAi));
      }),
      { seed, numRuns: 30 },
    );
  });

  it('writes batches at offsets, identical to one image at a time', () => {
    const a = noiseImage(30, 20, 'RGB', 1);
    const b = noiseImage(17, 33, 'L', 2);
    const per = 3 * 16 * 16;
    const batch = new Float32Array(2 * per + 5).fill(-99);
    preprocessInto(a, openAi, batch, 5);
    preprocessInto(b, openAi, batch, 5 + per);
    assert.deepEqual(Array.from(batch.subarray(0, 5)), [-99, -99, -99, -99, -99]);
    assert.deepEqual(batch.subarray(5, 5 + per), preprocessImage(a, openAi));
    assert.deepEqual(batch.subarray(5 + per), preprocessImage(b, openAi));
    assert.throws(() => preprocessInto(a, openAi, batch, per + 6), RangeError);
  });

  it('preprocesses a 640x480 RGB image to 224 in well under a second', (t) => {
    const config = { ...openAi, shortestEdge: 224, cropWidth: 224, cropHeight: 224 };
    const image = noiseImage(640, 480, 'RGB', 9);
    for (let i = 0; i < 5; i++) preprocessImage(image, config);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      preprocessImage(image, config);
      times.push(performance.now() - start);
    }
    times.sort((x, y) => x - y);
    t.diagnostic(`640x480 RGB -> 3x224x224: median ${times[7]!.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms`);
    assert.ok(times[7]! < 250, `median ${times[7]} ms`); // a loose bound: catches an accidental O(n^2), not noise
  });
});
