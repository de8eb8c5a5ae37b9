import { clip8 } from './clip8.js';
import { precisionBits, type ResampleCoefficients } from './resampleCoefficients.js';

const half = 1 << (precisionBits - 1);

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
