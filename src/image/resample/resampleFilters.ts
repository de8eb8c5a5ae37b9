/** A separable reconstruction filter: kernel and half-width (support) in source pixels at scale 1. */
export interface ResampleFilter {
  readonly name: string;
  readonly kernel: (x: number) => number;
  readonly support: number;
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
