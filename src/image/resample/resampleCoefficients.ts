import type { ResampleFilter } from './resampleFilters.js';

/** Fractional bits of Pillow's fixed-point weights for 8-bit images: 32 - 8 - 2 = 22. */
export const precisionBits = 22;

/** Fixed-point weights for resampling one axis from `inSize` to `outSize` pixels. */
export interface ResampleCoefficients {
  readonly outSize: number;
  /** Weights per output pixel (the row stride of `weights`). */
  readonly kernelSize: number;
  /** Per output pixel: [first source pixel, number of source pixels]. */
  readonly bounds: Int32Array;
  /** outSize * kernelSize weights, each round(w * 2^22) (half away from zero); a window's weights sum to ~2^22. */
  readonly weights: Int32Array;
}

/**
 * Pillow's `precompute_coeffs` + `normalize_coeffs_8bpc` for the whole axis (box = 0..inSize):
 * the filter is stretched by the scale factor when shrinking (antialiasing); output pixel x has
 * centre (x + 0.5) * scale and reads source pixels max(int(centre - support + 0.5), 0) up to
 * min(int(centre + support + 0.5), inSize), weighted by kernel((i - centre + 0.5) / filterScale)
 * normalised to sum 1.
 */
export function resampleCoefficients(inSize: number, outSize: number, filter: ResampleFilter): ResampleCoefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const kernelSize = Math.ceil(support) * 2 + 1;
  const inverse = 1 / filterScale;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * kernelSize);
  const window = new Float64Array(kernelSize);
  const unit = 2 ** precisionBits;

  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let sum = 0;
    for (let x = 0; x < count; x++) {
      const w = filter.kernel((x + xmin - center + 0.5) * inverse);
      window[x] = w;
      sum += w;
    }
    for (let x = 0; x < count; x++) {
      const w = sum !== 0 ? window[x]! / sum : window[x]!;
      weights[xx * kernelSize + x] = w < 0 ? Math.trunc(-0.5 + w * unit) : Math.trunc(0.5 + w * unit);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = Math.max(count, 0);
  }
  return { outSize, kernelSize, bounds, weights };
}
