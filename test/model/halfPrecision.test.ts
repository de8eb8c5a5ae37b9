import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBfloat16, decodeFloat16, float32ToBfloat16Bits, float32ToFloat16Bits } from '../../src/model/halfPrecision.js';

function roundF16(value: number): number {
  const out = new Float32Array(1);
  decodeFloat16(new Uint16Array([float32ToFloat16Bits(value)]), out);
  return out[0]!;
}

function roundBf16(value: number): number {
  const out = new Float32Array(1);
  decodeBfloat16(new Uint16Array([float32ToBfloat16Bits(value)]), out);
  return out[0]!;
}

// Expected values worked out by hand from the binary16 / bfloat16 formats.
describe('float16 rounding', () => {
  it('rounds to the nearest half, ties to even', () => {
    assert.equal(roundF16(1 / 3), 0.333251953125); // 1365 / 4096
    assert.equal(roundF16(1 + 2 ** -11), 1); // tie, 1 is even
    assert.equal(roundF16(1 + 3 * 2 ** -11), 1 + 2 ** -9); // tie, rounds up to the even mantissa 2
    assert.equal(roundF16(0.1), 0.0999755859375);
  });
  it('knows the bit patterns of landmark values', () => {
    assert.equal(float32ToFloat16Bits(1), 0x3c00);
    assert.equal(float32ToFloat16Bits(-2), 0xc000);
    assert.equal(float32ToFloat16Bits(65504), 0x7bff);
    assert.equal(float32ToFloat16Bits(2 ** -14), 0x0400); // smallest normal
    assert.equal(float32ToFloat16Bits(2 ** -24), 0x0001); // smallest subnormal
    assert.equal(float32ToFloat16Bits(-0), 0x8000);
  });
  it('handles overflow, subnormals, underflow and NaN', () => {
    assert.equal(roundF16(65519), 65504);
    assert.equal(roundF16(65520), Infinity); // halfway to 2^16 rounds to infinity
    assert.equal(roundF16(-1e6), -Infinity);
    assert.equal(roundF16(1e-7), 2 * 2 ** -24); // 1e-7 / 2^-24 = 1.68 -> 2
    assert.equal(roundF16(2 ** -25), 0); // tie between 0 and 2^-24, 0 is even
    assert.equal(roundF16(1.5 * 2 ** -25), 2 ** -24);
    assert.equal(roundF16(2 ** -14 - 2 ** -25), 2 ** -14); // subnormal rounding carries into the exponent
    assert.ok(Number.isNaN(roundF16(Number.NaN)));
    assert.equal(roundF16(Infinity), Infinity);
  });
});

describe('bfloat16 rounding', () => {
  it('rounds to the nearest bfloat16, ties to even', () => {
    assert.equal(roundBf16(1 / 3), 0.333984375); // 0x3EAAAAAB -> 0x3EAB
    assert.equal(roundBf16(1 + 2 ** -8), 1);
    assert.equal(roundBf16(1 + 3 * 2 ** -8), 1 + 2 ** -6);
    assert.equal(float32ToBfloat16Bits(1), 0x3f80);
    assert.equal(float32ToBfloat16Bits(-2), 0xc000);
  });
  it('keeps NaN a NaN and infinities infinite', () => {
    assert.ok(Number.isNaN(roundBf16(Number.NaN)));
    assert.equal(roundBf16(-Infinity), -Infinity);
    assert.equal(roundBf16(3.4e38), Infinity); // above the largest bfloat16 3.3895e38
  });
});
