import type { ResampleCoefficients } from './resampleCoefficients.js';

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
