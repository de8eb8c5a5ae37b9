import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantizeLinearWeight, quantizeRangeForCpu, weightLimitOf } from '../../src/export/quantization.js';

describe('quantizeRangeForCpu', () => {
  it('full range with VNNI or off x86, reduced on x86 without VNNI or with unknown flags', () => {
    const flags = (...names: string[]) => new Set(['sse4_2', 'avx2', ...names]);
    assert.equal(quantizeRangeForCpu('x64', flags('avx512f', 'avx512_vnni')).range, 'full');
    assert.equal(quantizeRangeForCpu('x64', flags('avx_vnni')).range, 'full');
    assert.equal(quantizeRangeForCpu('x64', flags('avx512f')).range, 'reduced');
    assert.equal(quantizeRangeForCpu('x64', null).range, 'reduced');
    assert.equal(quantizeRangeForCpu('arm64').range, 'full');
    assert.match(quantizeRangeForCpu('x64', flags()).reason, /no VNNI/);
  });

  it('maps a range to the largest int8 magnitude', () => {
    assert.deepEqual([weightLimitOf('full'), weightLimitOf('reduced')], [127, 63]);
  });
});

const weightArb = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 9 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.constant(rows),
      columns: fc.constant(columns),
      data: fc.float32Array({ minLength: rows * columns, maxLength: rows * columns, min: -4, max: 4, noNaN: true, noDefaultInfinity: true }),
    }),
  );

describe('quantizeLinearWeight', () => {
  it('dequantizes to within half a step of every weight, values within the limit, [in, out] layout', () => {
    fc.assert(
      fc.property(weightArb, fc.constantFrom(127, 63), ({ rows, columns, data }, limit) => {
        const q = quantizeLinearWeight({ shape: [rows, columns], data }, limit);
        assert.equal(q.values.length, rows * columns);
        for (let o = 0; o < rows; o++) {
          const scale = q.scales[o]!;
          for (let i = 0; i < columns; i++) {
            const value = q.values[i * rows + o]!;
            assert.ok(Math.abs(value) <= limit);
            assert.ok(Math.abs(value * scale - data[o * columns + i]!) <= scale / 2 + 1e-6 * scale, `row ${o} column ${i}`);
          }
        }
      }),
    );
  });

  it("maps each row's largest magnitude to +-limit", () => {
    const q = quantizeLinearWeight({ shape: [2, 3], data: Float32Array.from([0.6, -1, 0.25, 0, 0, 0]) }, 63);
    assert.deepEqual([...q.values], [38, 0, -63, 0, 16, 0]);
    assert.equal(q.scales[0], Math.fround(1 / 63));
    assert.equal(q.scales[1], 1, 'an all-zero row keeps a usable scale');
  });
});
