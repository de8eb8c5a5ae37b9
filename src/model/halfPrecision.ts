/**
 * The 16-bit float types of checkpoints <-> float32, bit-exact, round-to-nearest-even:
 * - IEEE 754 binary16 ("F16", half precision), as PyTorch's `.half()` and NumPy's `astype(float16)`;
 * - bfloat16 ("BF16": the upper 16 bits of a float32), as PyTorch's `.bfloat16()`; NaN stays NaN.
 * Node 20 has no `Float16Array`, so the bits travel as `Uint16Array`s.
 */

const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/** Lazily built table of all 65536 half-precision values, as float32 (256 KiB). */
let decodeTable: Float32Array | undefined;

function halfBitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function table(): Float32Array {
  if (decodeTable === undefined) {
    decodeTable = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) decodeTable[bits] = halfBitsToNumber(bits);
  }
  return decodeTable;
}

/** Rounds `value` to the nearest half-precision value (ties to even) and returns its 16 bits. */
export function float32ToFloat16Bits(value: number): number {
  scratchFloat[0] = value;
  const x = scratchBits[0] ?? 0;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200 | (mantissa >>> 13));
  const halfExponent = exponent - 112; // rebias 127 -> 15
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half (or zero): value = m * 2^-24 with m the significand shifted right.
    if (halfExponent < -10) return sign;
    const significand = mantissa | 0x800000;
    return sign | roundShift(significand, 14 - halfExponent);
  }
  // A carry out of the mantissa correctly bumps the exponent (up to 0x7c00 = infinity).
  return sign | ((halfExponent << 10) + roundShift(mantissa, 13));
}

/** `value >> shift`, rounded to nearest with ties to even. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

/** Decodes half-precision bit patterns into `out` (same length). */
export function decodeFloat16(bits: Uint16Array, out: Float32Array): void {
  const lookup = table();
  for (let i = 0; i < bits.length; i++) out[i] = lookup[bits[i] ?? 0] ?? 0;
}

/** Encodes `values` as half-precision bit patterns into `out` (same length). */
export function encodeFloat16(values: Float32Array, out: Uint16Array): void {
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i] ?? 0);
}

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
