import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { distributionOf } from '../../src/search/summarizeSearch.js';

describe('distributionOf', () => {
  it('gives numpy-style quartiles', () => {
    // numpy.percentile([1, 2, 3, 4, 10], [25, 50, 75]) = [2, 3, 4]
    assert.deepEqual(distributionOf([10, 1, 3, 2, 4]), { n: 5, min: 1, q25: 2, median: 3, q75: 4, max: 10, mean: 4 });
    // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
    assert.deepEqual(distributionOf([4, 3, 2, 1]), { n: 4, min: 1, q25: 1.75, median: 2.5, q75: 3.25, max: 4, mean: 2.5 });
    assert.deepEqual(distributionOf([]), { n: 0, min: null, q25: null, median: null, q75: null, max: null, mean: null });
  });
  it('keeps min <= q25 <= median <= q75 <= max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const d = distributionOf(values);
        const order = [d.min, d.q25, d.median, d.q75, d.max] as number[];
        for (let i = 1; i < order.length; i++) assert.ok((order[i - 1] as number) <= (order[i] as number) + 1e-9);
      }),
    );
  });
});
