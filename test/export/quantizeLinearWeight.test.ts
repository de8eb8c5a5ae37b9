import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { quantizeLinearWeight } from '../../src/export/quantizeLinearWeight.js';

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
