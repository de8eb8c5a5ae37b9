import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acc1, acc5, meanPerClassRecall, type RankedPrediction } from '../../src/metrics/accuracy.js';

const p = (trueIndex: number, ...ranked: number[]): RankedPrediction => ({ trueIndex, ranked });

describe('acc1 / acc5 / meanPerClassRecall (CLIP_benchmark definitions)', () => {
  // Class 0: 3 samples, 1 right at top-1; class 1: 1 sample, right; class 2: 2 samples, none right.
  const predictions = [
    p(0, 0, 1, 2, 3, 4, 5),
    p(0, 1, 0, 2, 3, 4, 5),
    p(0, 1, 2, 3, 4, 5, 0), // true class sixth: not in top-5
    p(1, 1, 0, 2, 3, 4, 5),
    p(2, 0, 1, 3, 4, 5, 2), // true class sixth
    p(2, 0, 1, 2, 3, 4, 5), // true class third
  ];

  it('acc1 counts the top-1 hits: 2 of 6', () => {
    const rate = acc1(predictions);
    assert.equal(rate.successes, 2);
    assert.equal(rate.n, 6);
    assert.equal(rate.rate, 2 / 6);
  });

  it('acc5 counts true classes among the first five: 4 of 6', () => {
    assert.equal(acc5(predictions).successes, 4);
  });

  it('mean per-class recall weights classes equally: (1/3 + 1 + 0) / 3', () => {
    const value = meanPerClassRecall(predictions);
    assert.ok(value !== null && Math.abs(value - (1 / 3 + 1 + 0) / 3) < 1e-15, `${value}`);
    // Plain accuracy would be 2/6; balanced accuracy differs, so the test can tell them apart.
    assert.notEqual(value, 2 / 6);
  });

  it('predicted-only classes do not enter the mean', () => {
    assert.equal(meanPerClassRecall([p(0, 0), p(0, 7), p(1, 1)]), (0.5 + 1) / 2);
  });

  it('with fewer than five ranked entries, acc5 uses the top-k available', () => {
    assert.equal(acc5([p(0, 1, 0), p(0, 1, 2), p(3, 3)]).successes, 2);
    assert.equal(acc1([p(0)]).successes, 0);
  });

  it('no predictions: null rates, never NaN', () => {
    assert.deepEqual(acc1([]), { successes: 0, n: 0, rate: null, lower: null, upper: null });
    assert.equal(meanPerClassRecall([]), null);
  });
});
