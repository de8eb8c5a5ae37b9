import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSafetensors } from '../../src/model/readSafetensors.js';
import type { WeightTensor } from '../../src/model/weightMap.js';
import { writeSafetensors } from '../../src/model/writeSafetensors.js';

function tensor(shape: number[], values: number[]): WeightTensor {
  return { shape, data: Float32Array.from(values) };
}

const names = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constant('__proto__')).filter((name) => name !== '__metadata__');
const shapes = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const tensorArbitrary = shapes.chain((shape) => {
  const count = shape.reduce((product, dim) => product * dim, 1);
  return fc
    .array(fc.float({ noDefaultInfinity: false }), { minLength: count, maxLength: count })
    .map((values) => tensor(shape, values));
});
const tensorMaps = fc.uniqueArray(fc.tuple(names, tensorArbitrary), { selector: ([name]) => name, maxLength: 6 }).map((entries) => new Map(entries));

function sameFloat(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

describe('writeSafetensors', () => {
  it('round-trips F32 tensors bit for bit (property)', () => {
    fc.assert(
      fc.property(tensorMaps, fc.dictionary(fc.string(), fc.string(), { maxKeys: 3, noNullPrototype: true }), (tensors, metadata) => {
        const bytes = writeSafetensors(tensors, { metadata });
        const read = readSafetensors(bytes, 'property.safetensors');
        assert.deepEqual([...read.tensors.keys()], [...tensors.keys()]);
        assert.deepEqual(Object.entries(read.metadata), Object.entries(metadata));
        for (const [name, original] of tensors) {
          const back = read.tensors.get(name)!;
          assert.deepEqual([...back.shape], [...original.shape]);
          assert.equal(back.data.length, original.data.length);
          original.data.forEach((value, i) => assert.ok(sameFloat(back.data[i]!, value), `${name}[${i}]: ${back.data[i]} vs ${value}`));
        }
      }),
    );
  });

  it('F16 and BF16 stay within half an ulp of the dtype and are stable on rewrite (property)', () => {
    const cases = [
      { dtype: 'F16', mantissaBits: 10, maxFinite: 65504, minNormal: 2 ** -14, subnormalStep: 2 ** -24 },
      { dtype: 'BF16', mantissaBits: 7, maxFinite: 3.3895313892515355e38, minNormal: 2 ** -126, subnormalStep: 2 ** -133 },
    ] as const;
    for (const { dtype, mantissaBits, maxFinite, minNormal, subnormalStep } of cases) {
      fc.assert(
        fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -maxFinite, max: maxFinite }), { maxLength: 40 }), (values) => {
          const original = new Map([['t', tensor([values.length], values)]]);
          const once = readSafetensors(writeSafetensors(original, { dtype }), 'x').tensors.get('t')!.data;
          values.forEach((value, i) => {
            const got = once[i]!;
            const magnitude = Math.abs(value);
            const ulp = magnitude < minNormal ? subnormalStep : 2 ** (Math.floor(Math.log2(magnitude)) - mantissaBits);
            if (Number.isFinite(got)) assert.ok(Math.abs(got - value) <= ulp / 2, `${dtype}: ${value} -> ${got}`);
            else assert.ok(magnitude >= maxFinite, `${dtype}: ${value} overflowed`);
          });
          const twice = readSafetensors(writeSafetensors(new Map([['t', tensor([values.length], [...once])]]), { dtype }), 'x');
          assert.deepEqual([...twice.tensors.get('t')!.data], [...once]);
        }),
      );
    }
  });

  it('writes hand-checkable F16 and BF16 values', () => {
    const values = new Map([['third', tensor([2], [1 / 3, -65504])]]);
    const f16 = readSafetensors(writeSafetensors(values, { dtype: 'F16' }), 'x');
    assert.equal(f16.header.get('third')?.dtype, 'F16');
    assert.deepEqual([...f16.tensors.get('third')!.data], [0.333251953125, -65504]);
    const bf16 = readSafetensors(writeSafetensors(values, { dtype: 'BF16' }), 'x');
    assert.deepEqual([...bf16.tensors.get('third')!.data], [0.333984375, -65536]);
  });

  it('pads the header so the data region is 8-byte aligned and writes the safetensors layout', () => {
    const bytes = writeSafetensors(new Map([['x', tensor([], [2.5])]]), { metadata: { format: 'pt' } });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = Number(view.getBigUint64(0, true));
    assert.equal((8 + headerLength) % 8, 0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as unknown;
    assert.deepEqual(header, { __metadata__: { format: 'pt' }, x: { dtype: 'F32', shape: [], data_offsets: [0, 4] } });
    assert.equal(view.getFloat32(8 + headerLength, true), 2.5);
    assert.equal(bytes.length, 8 + headerLength + 4);
  });

  it('refuses data that does not fill its shape', () => {
    assert.throws(() => writeSafetensors(new Map([['w', tensor([2, 2], [1, 2, 3])]])), /'w' has 3 values but shape \[2, 2\] needs 4/);
  });
});
