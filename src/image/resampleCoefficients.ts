/** A separable reconstruction filter: kernel and half-width (support) in source pixels at scale 1. */
export interface ResampleFilter {
  readonly name: string;
  readonly kernel: (x: number) => number;
  readonly support: number;
}

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

// Transcribed from Pillow's Resample.c; the operation order matters for bit-exact coefficients.
function bicubic(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

function bilinear(x: number): number {
  if (x < 0) x = -x;
  return x < 1 ? 1 - x : 0;
}

function box(x: number): number {
  return x > -0.5 && x <= 0.5 ? 1 : 0;
}

const hammingA = Math.fround(0.54);
const hammingB = Math.fround(0.46); // C float literals 0.54f, 0.46f

function hamming(x: number): number {
  if (x < 0) x = -x;
  if (x === 0) return 1;
  if (x >= 1) return 0;
  x = x * Math.PI;
  return (Math.sin(x) / x) * (hammingA + hammingB * Math.cos(x));
}

function sinc(x: number): number {
  if (x === 0) return 1;
  x = x * Math.PI;
  return Math.sin(x) / x;
}

function lanczos(x: number): number {
  return -3 <= x && x < 3 ? sinc(x) * sinc(x / 3) : 0;
}

/**
 * Pillow's resampling filters by PIL id (`Image.Resampling`). 0 (NEAREST) is not a convolution
 * and is handled by `resizeNearest`. Bicubic (3) is the one CLIP uses and the one verified
 * bit-exact against Pillow; the others follow the same code (sin/cos may differ from the C
 * library's in the last bit).
 */
export const resampleFilters: Readonly<Record<number, ResampleFilter>> = Object.freeze({
  1: { name: 'lanczos', kernel: lanczos, support: 3 },
  2: { name: 'bilinear', kernel: bilinear, support: 1 },
  3: { name: 'bicubic', kernel: bicubic, support: 2 },
  4: { name: 'box', kernel: box, support: 0.5 },
  5: { name: 'hamming', kernel: hamming, support: 1 },
});

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

/** The coefficients of output pixels [start, start + count) only, sharing the arrays. */
export function sliceCoefficients(coefficients: ResampleCoefficients, start: number, count: number): ResampleCoefficients {
  const { kernelSize, bounds, weights } = coefficients;
  return {
    outSize: count,
    kernelSize,
    bounds: bounds.subarray(start * 2, (start + count) * 2),
    weights: weights.subarray(start * kernelSize, (start + count) * kernelSize),
  };
}
