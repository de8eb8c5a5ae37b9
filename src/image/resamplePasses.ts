import { precisionBits, type ResampleCoefficients } from './resampleCoefficients.js';

/**
 * Pillow's clip8: a fixed-point accumulator back to 0..255 (arithmetic shift right by 22,
 * clamped). The accumulator is an int32, as in Pillow: |sum| < 2^31 always holds for 8-bit
 * samples, because 255 times the positive (or negative) part of any window's weights stays
 * below 2^31 - that is why Pillow uses 32 - 8 - 2 precision bits.
 */
export function clip8(accumulator: number): number {
  const value = accumulator >> precisionBits;
  return value < 0 ? 0 : value > 255 ? 255 : value;
}

const half = 1 << (precisionBits - 1);

/** The single-channel (L) case: one accumulator, two taps per iteration. */
function resampleGrey(data: Uint8Array, inWidth: number, firstRow: number, rows: number, coefficients: ResampleCoefficients): Uint8Array {
  const { outSize, kernelSize, bounds, weights } = coefficients;
  const out = new Uint8Array(outSize * rows);
  let o = 0;
  for (let y = 0; y < rows; y++) {
    const inRow = (y + firstRow) * inWidth;
    for (let xx = 0; xx < outSize; xx++) {
      let p = inRow + bounds[xx * 2]!;
      let k = xx * kernelSize;
      const end = k + bounds[xx * 2 + 1]!;
      let sum = half;
      for (; k + 1 < end; k += 2, p += 2) sum = (sum + Math.imul(data[p]!, weights[k]!) + Math.imul(data[p + 1]!, weights[k + 1]!)) | 0;
      if (k < end) sum = (sum + Math.imul(data[p]!, weights[k]!)) | 0;
      out[o++] = clip8(sum);
    }
  }
  return out;
}

/** The three-channel (RGB) case: three accumulators, two taps per iteration. */
function resampleRgb(data: Uint8Array, inWidth: number, firstRow: number, rows: number, coefficients: ResampleCoefficients): Uint8Array {
  const { outSize, kernelSize, bounds, weights } = coefficients;
  const out = new Uint8Array(outSize * rows * 3);
  let o = 0;
  for (let y = 0; y < rows; y++) {
    const inRow = (y + firstRow) * inWidth * 3;
    for (let xx = 0; xx < outSize; xx++) {
      let p = inRow + bounds[xx * 2]! * 3;
      let k = xx * kernelSize;
      const end = k + bounds[xx * 2 + 1]!;
      let s0 = half;
      let s1 = half;
      let s2 = half;
      for (; k + 1 < end; k += 2, p += 6) {
        const w0 = weights[k]!;
        const w1 = weights[k + 1]!;
        s0 = (s0 + Math.imul(data[p]!, w0) + Math.imul(data[p + 3]!, w1)) | 0;
        s1 = (s1 + Math.imul(data[p + 1]!, w0) + Math.imul(data[p + 4]!, w1)) | 0;
        s2 = (s2 + Math.imul(data[p + 2]!, w0) + Math.imul(data[p + 5]!, w1)) | 0;
      }
      if (k < end) {
        const w = weights[k]!;
        s0 = (s0 + Math.imul(data[p]!, w)) | 0;
        s1 = (s1 + Math.imul(data[p + 1]!, w)) | 0;
        s2 = (s2 + Math.imul(data[p + 2]!, w)) | 0;
      }
      out[o++] = clip8(s0);
      out[o++] = clip8(s1);
      out[o++] = clip8(s2);
    }
  }
  return out;
}

/**
 * Pillow's ImagingResampleHorizontal_8bpc: resamples rows [firstRow, firstRow + rows) of an
 * interleaved 8-bit image (1-4 channels) of width `inWidth` to `coefficients.outSize` columns.
 * Each output sample is clip8(2^21 + sum(sample * weight)) in int32 arithmetic (`Math.imul`,
 * `| 0`), exactly as Pillow's C `int`. Returns outWidth * rows * channels bytes.
 */
export function resampleHorizontal(
  data: Uint8Array,
  inWidth: number,
  channels: number,
  firstRow: number,
  rows: number,
  coefficients: ResampleCoefficients,
): Uint8Array {
  if (channels === 1) return resampleGrey(data, inWidth, firstRow, rows, coefficients);
  if (channels === 3) return resampleRgb(data, inWidth, firstRow, rows, coefficients);
  const { outSize, kernelSize, bounds, weights } = coefficients;
  const out = new Uint8Array(outSize * rows * channels);
  const c2 = channels > 2 ? 2 : 1; // channel offsets, clamped so LA reads valid bytes
  const c3 = channels > 3 ? 3 : 1;
  let o = 0;
  for (let y = 0; y < rows; y++) {
    const inRow = (y + firstRow) * inWidth * channels;
    for (let xx = 0; xx < outSize; xx++) {
      let p = inRow + bounds[xx * 2]! * channels;
      let k = xx * kernelSize;
      const end = k + bounds[xx * 2 + 1]!;
      let s0 = half;
      let s1 = half;
      let s2 = half;
      let s3 = half;
      // LA and RGBA/CMYK share this loop (two accumulators wasted for LA). Two taps per
      // iteration; the sums are the same integers in any order.
      for (; k + 1 < end; k += 2, p += 2 * channels) {
        const w0 = weights[k]!;
        const w1 = weights[k + 1]!;
        const q = p + channels;
        s0 = (s0 + Math.imul(data[p]!, w0) + Math.imul(data[q]!, w1)) | 0;
        s1 = (s1 + Math.imul(data[p + 1]!, w0) + Math.imul(data[q + 1]!, w1)) | 0;
        s2 = (s2 + Math.imul(data[p + c2]!, w0) + Math.imul(data[q + c2]!, w1)) | 0;
        s3 = (s3 + Math.imul(data[p + c3]!, w0) + Math.imul(data[q + c3]!, w1)) | 0;
      }
      if (k < end) {
        const w = weights[k]!;
        s0 = (s0 + Math.imul(data[p]!, w)) | 0;
        s1 = (s1 + Math.imul(data[p + 1]!, w)) | 0;
        s2 = (s2 + Math.imul(data[p + c2]!, w)) | 0;
        s3 = (s3 + Math.imul(data[p + c3]!, w)) | 0;
      }
      out[o++] = clip8(s0);
      out[o++] = clip8(s1);
      if (channels === 4) {
        out[o++] = clip8(s2);
        out[o++] = clip8(s3);
      }
    }
  }
  return out;
}

/**
 * Pillow's ImagingResampleVertical_8bpc: resamples an interleaved 8-bit image of `width`
 * pixels per row to `coefficients.outSize` rows. `rowOffset` is subtracted from every window
 * start (the first source row the horizontal pass kept). Same int32 sums as Pillow, accumulated
 * a whole row at a time, two source rows per sweep (integer sums do not depend on the order).
 * Returns width * outRows * channels bytes.
 */
export function resampleVertical(
  data: Uint8Array,
  width: number,
  channels: number,
  rowOffset: number,
  coefficients: ResampleCoefficients,
): Uint8Array {
  const { outSize, kernelSize, bounds, weights } = coefficients;
  const stride = width * channels;
  const out = new Uint8Array(outSize * stride);
  const sums = new Int32Array(stride);
  for (let yy = 0; yy < outSize; yy++) {
    sums.fill(half);
    const count = bounds[yy * 2 + 1]!;
    const k = yy * kernelSize;
    let row = (bounds[yy * 2]! - rowOffset) * stride;
    let y = 0;
    for (; y + 1 < count; y += 2, row += 2 * stride) {
      const w0 = weights[k + y]!;
      const w1 = weights[k + y + 1]!;
      const next = row + stride;
      for (let i = 0; i < stride; i++) {
        sums[i] = (sums[i]! + Math.imul(data[row + i]!, w0) + Math.imul(data[next + i]!, w1)) | 0;
      }
    }
    if (y < count) {
      const w = weights[k + y]!;
      for (let i = 0; i < stride; i++) sums[i] = (sums[i]! + Math.imul(data[row + i]!, w)) | 0;
    }
    const o = yy * stride;
    for (let i = 0; i < stride; i++) out[o + i] = clip8(sums[i]!);
  }
  return out;
}
