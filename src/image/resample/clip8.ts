import { precisionBits } from './resampleCoefficients.js';

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
