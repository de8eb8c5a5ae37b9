import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { unfilterPngRows } from '../../src/image/png/unfilterPngRows.js';

/** The PNG spec's reconstruction (9.2-9.4), byte by byte with every edge tested: the reference. */
function specUnfilter(data: Uint8Array, rows: number, rowBytes: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rows * rowBytes);
  for (let row = 0; row < rows; row++) {
    const filter = data[row * (rowBytes + 1)]!;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[row * (rowBytes + 1) + 1 + i]!;
      const a = i >= bpp ? out[row * rowBytes + i - bpp]! : 0;
      const b = row > 0 ? out[(row - 1) * rowBytes + i]! : 0;
      const c = i >= bpp && row > 0 ? out[(row - 1) * rowBytes + i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[row * rowBytes + i] = (x + predictor) & 0xff;
    }
  }
  return out;
}

describe('unfilterPngRows', () => {
  it('reconstructs every filter type, on the first row and the first pixel too, as the PNG spec does', () => {
    const image = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), pixels: fc.integer({ min: 1, max: 7 }), bpp: fc.integer({ min: 1, max: 8 }) })
      .chain(({ rows, pixels, bpp }) =>
        fc.record({
          rows: fc.constant(rows),
          bpp: fc.constant(bpp),
          rowBytes: fc.constant(pixels * bpp),
          filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: rows, maxLength: rows }),
          bytes: fc.uint8Array({ minLength: rows * pixels * bpp, maxLength: rows * pixels * bpp }),
        }),
      );
    fc.assert(
      fc.property(image, ({ rows, bpp, rowBytes, filters, bytes }) => {
        const data = new Uint8Array(2 + rows * (rowBytes + 1));
        filters.forEach((filter, row) => {
          data[2 + row * (rowBytes + 1)] = filter;
          data.set(bytes.subarray(row * rowBytes, (row + 1) * rowBytes), 2 + row * (rowBytes + 1) + 1);
        });
        const expected = specUnfilter(data.subarray(2), rows, rowBytes, bpp);
        assert.equal(unfilterPngRows(data, 2, rows, rowBytes, bpp), data.length);
        const actual = new Uint8Array(rows * rowBytes);
        for (let row = 0; row < rows; row++) actual.set(data.subarray(2 + row * (rowBytes + 1) + 1, 2 + (row + 1) * (rowBytes + 1)), row * rowBytes);
        assert.deepEqual(actual, expected);
      }),
      { seed: 20261202, numRuns: 400 },
    );
  });

  it('refuses an unknown filter type, naming it and the row', () => {
    const data = Uint8Array.from([0, 1, 2, 5, 1, 2]);
    assert.throws(() => unfilterPngRows(data, 0, 2, 2, 1), /unknown row filter type 5 on row 1/);
  });
});
