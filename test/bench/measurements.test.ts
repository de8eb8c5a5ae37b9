import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fitLine, spreadOf } from '../../src/bench/measurements.js';

describe('spreadOf', () => {
  it('gives min <= median <= max, with the middle value (odd) or the mean of the middle two (even)', () => {
    assert.deepEqual(spreadOf([3, 1, 2]), { median: 2, min: 1, max: 3 });
    assert.deepEqual(spreadOf([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4 });
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const s = spreadOf(values);
        assert.ok(s.min <= s.median && s.median <= s.max);
        assert.equal(s.min, Math.min(...values));
        assert.equal(s.max, Math.max(...values));
      }),
    );
    assert.throws(() => spreadOf([]), RangeError);
  });
});

describe('fitLine', () => {
  it('recovers the line through points that lie on it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 2, maxLength: 30 }),
        (slope, intercept, xs) => {
          const line = fitLine(xs.map((x) => ({ x, y: intercept + slope * x })));
          assert.ok(Math.abs(line.slope - slope) < 1e-6 * (1 + Math.abs(slope)));
          assert.ok(Math.abs(line.intercept - intercept) < 1e-4 * (1 + Math.abs(intercept) + Math.abs(slope) * 1e5));
        },
      ),
    );
  });

  it('is flat for noise around a constant and refuses a vertical or single-point fit', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ x: i, y: 500 + (i % 2 === 0 ? 1 : -1) }));
    assert.ok(Math.abs(fitLine(points).slope) < 1e-3);
    assert.throws(() => fitLine([{ x: 1, y: 1 }]), RangeError);
    assert.throws(() => fitLine([{ x: 1, y: 1 }, { x: 1, y: 2 }]), RangeError);
  });
});
