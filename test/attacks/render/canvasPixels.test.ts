import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCanvas, ImageData } from 'canvas';
import { drawnRows, rowMarginPx, roundTripRgba } from '../../../src/attacks/render/canvasPixels.js';

/** Every (value, alpha) pair: column = channel value, row = alpha; the three channels differ. */
function everyPair(): Uint8Array {
  const data = new Uint8Array(256 * 256 * 4);
  for (let alpha = 0; alpha < 256; alpha++) {
    for (let v = 0; v < 256; v++) data.set([v, 255 - v, (v * 7 + alpha) & 255, alpha], (alpha * 256 + v) * 4);
  }
  return data;
}

describe('roundTripRgba', () => {
  it('gives what node-canvas gives back after putImageData and getImageData, for every value and alpha', () => {
    const input = everyPair();
    const ctx = createCanvas(256, 256).getContext('2d');
    ctx.putImageData(new ImageData(new Uint8ClampedArray(input), 256, 256), 0, 0);
    const expected = ctx.getImageData(0, 0, 256, 256).data;
    const actual = Uint8Array.from(input);
    roundTripRgba(actual, 0, actual.length);
    const firstDiff = actual.findIndex((b, i) => b !== expected[i]);
    assert.equal(firstDiff, -1, `byte ${firstDiff} (value ${(firstDiff >> 2) & 255}, alpha ${firstDiff >> 10}): ${actual[firstDiff]} vs canvas ${expected[firstDiff]}`);
    assert.ok(actual.some((b, i) => b !== input[i]), 'translucent pixels do change: the check is not vacuous');
  });

  it('gives the same bytes on unaligned data and on ranges that are not whole blocks of pixels', () => {
    const input = everyPair();
    const whole = Uint8Array.from(input);
    roundTripRgba(whole, 0, whole.length);
    const unaligned = new Uint8Array(new ArrayBuffer(input.length + 1), 1);
    unaligned.set(input);
    roundTripRgba(unaligned, 0, unaligned.length);
    assert.deepEqual(unaligned, whole);
    const pieces = Uint8Array.from(input);
    for (let start = 0; start < pieces.length; start += 7 * 4) roundTripRgba(pieces, start, Math.min(pieces.length, start + 7 * 4));
    assert.deepEqual(pieces, whole);
  });

  it('touches only the given byte range', () => {
    const input = everyPair();
    const actual = Uint8Array.from(input);
    roundTripRgba(actual, 4096, 8192);
    assert.deepEqual(actual.subarray(0, 4096), input.subarray(0, 4096));
    assert.deepEqual(actual.subarray(8192), input.subarray(8192));
    assert.notDeepEqual(actual.subarray(4096, 8192), input.subarray(4096, 8192));
  });
});

describe('drawnRows', () => {
  const box = (y: number, height: number) => ({ x: 3, y, width: 10, height });

  it('covers every box, rounded outward and widened by the margin, within the page', () => {
    assert.deepEqual(drawnRows([box(10.5, 5.2), box(40.1, 2)], 2, 100), { top: 8, bottom: 45 });
    assert.deepEqual(drawnRows([box(-30, 35)], 3, 100), { top: 0, bottom: 8 });
    assert.deepEqual(drawnRows([box(95, 30)], 3, 100), { top: 92, bottom: 100 });
  });

  it('is empty without boxes or when every box lies off the page, and whole for a non-finite box', () => {
    assert.deepEqual(drawnRows([], 4, 100), { top: 0, bottom: 0 });
    assert.deepEqual(drawnRows([box(-50, 10)], 4, 100), { top: 0, bottom: 0 });
    assert.deepEqual(drawnRows([box(200, 10)], 4, 100), { top: 0, bottom: 0 });
    assert.deepEqual(drawnRows([box(Number.NaN, 10)], 4, 100), { top: 0, bottom: 100 });
  });

  it('keeps at least 2 rows of margin, more for larger type', () => {
    assert.ok(rowMarginPx(1) >= 2 && rowMarginPx(80) > rowMarginPx(8));
  });
});
