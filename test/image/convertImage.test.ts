import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cmykToRgbChannel, convertToRgb, fromRgba, mulDiv255, premultiplyAlpha, toRgba, unpremultiplyAlpha } from '../../src/image/convertImage.js';
import type { DecodedImage } from '../../src/image/decodedImage.js';

describe('Pillow conversions', () => {
  it('MULDIV255 is a * b / 255 rounded to nearest, for every pair', () => {
    for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) assert.equal(mulDiv255(a, b), Math.round((a * b) / 255));
  });

  it('premultiplies and un-premultiplies with Pillow rounding', () => {
    assert.deepEqual(Array.from(premultiplyAlpha(Uint8Array.from([200, 100, 7, 128]), 4)), [100, 50, 4, 128]);
    // 255 * 100 / 200 = 127.5 truncates to 127; alpha 0 and 255 keep the colour; 255 * 250 / 100 clips to 255.
    assert.deepEqual(Array.from(unpremultiplyAlpha(Uint8Array.from([100, 200, 9, 0, 9, 255, 250, 100]), 2)), [127, 200, 9, 0, 9, 255, 255, 100]);
  });

  it("converts CMYK with Pillow's cmyk2rgb", () => {
    assert.equal(cmykToRgbChannel(0, 0), 255);
    assert.equal(cmykToRgbChannel(255, 0), 0);
    assert.equal(cmykToRgbChannel(0, 255), 0);
    assert.equal(cmykToRgbChannel(128, 64), 95); // 191 - round(128 * 191 / 255) = 191 - 96
  });

  it("convert('RGB') drops alpha without compositing and looks up palettes", () => {
    const la: DecodedImage = { width: 2, height: 1, mode: 'LA', data: Uint8Array.from([10, 0, 20, 255]) };
    assert.deepEqual(Array.from(convertToRgb(la)), [10, 10, 10, 20, 20, 20]);
    const rgba: DecodedImage = { width: 1, height: 1, mode: 'RGBA', data: Uint8Array.from([10, 20, 30, 0]) };
    assert.deepEqual(Array.from(convertToRgb(rgba)), [10, 20, 30]);
    const palette = new Uint8Array(1024);
    palette.set([1, 2, 3, 0, 4, 5, 6, 255]);
    const p: DecodedImage = { width: 2, height: 1, mode: 'P', data: Uint8Array.from([1, 0]), palette };
    assert.deepEqual(Array.from(convertToRgb(p)), [4, 5, 6, 1, 2, 3]);
    const cmyk: DecodedImage = { width: 1, height: 1, mode: 'CMYK', data: Uint8Array.from([255, 0, 128, 64]) };
    assert.deepEqual(Array.from(convertToRgb(cmyk)), [0, 191, 95]);
  });

  it('toRgba keeps alpha (LA, RGBA, palette transparency) and fromRgba round-trips', () => {
    const palette = new Uint8Array(1024);
    palette.set([1, 2, 3, 0, 4, 5, 6, 255]);
    const p: DecodedImage = { width: 2, height: 1, mode: 'P', data: Uint8Array.from([0, 1]), palette };
    assert.deepEqual(Array.from(toRgba(p).data), [1, 2, 3, 0, 4, 5, 6, 255]);
    const la: DecodedImage = { width: 1, height: 1, mode: 'LA', data: Uint8Array.from([77, 33]) };
    assert.deepEqual(Array.from(toRgba(la).data), [77, 77, 77, 33]);
    const rgba = { width: 2, height: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    const decoded = fromRgba(rgba);
    assert.equal(decoded.mode, 'RGBA');
    assert.deepEqual(toRgba(decoded), rgba);
    assert.throws(() => fromRgba({ width: 3, height: 1, data: new Uint8Array(8) }), RangeError);
  });
});
