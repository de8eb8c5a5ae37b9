/**
 * bfloat16 ("BF16": the upper 16 bits of a float32) <-> float32 conversion,
 * round-to-nearest-even as PyTorch's `.bfloat16()` does; NaN stays NaN.
 */

const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/** Rounds `value` to the nearest bfloat16 (ties to even) and returns its 16 bits. */
export function float32ToBfloat16Bits(value: number): number {
  scratchFloat[0] = value;
  const x = scratchBits[0] ?? 0;
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) return (x >>> 16) | 0x40;
  const lsb = (x >>> 16) & 1;
  return ((x + 0x7fff + lsb) >>> 16) & 0xffff;
}

/** Decodes bfloat16 bit patterns into `out` (same length); exact, no rounding. */
export function decodeBfloat16(bits: Uint16Array, out: Float32Array): void {
  const outBits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < bits.length; i++) outBits[i] = (bits[i] ?? 0) << 16;
}

/** Encodes `values` as bfloat16 bit patterns into `out` (same length). */
export function encodeBfloat16(values: Float32Array, out: Uint16Array): void {
  for (let i = 0; i < values.length; i++) out[i] = float32ToBfloat16Bits(values[i] ?? 0);
}
