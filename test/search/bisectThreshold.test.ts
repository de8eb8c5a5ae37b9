import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bisectThreshold } from '../../src/search/measureMargins.js';

describe('bisectThreshold', () => {
  it('brackets a single crossing within the tolerance, whichever side the weak end is on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0.02, max: 0.98, noNaN: true }), fc.double({ min: 1e-4, max: 0.1, noNaN: true }), fc.boolean(), async (t, tolerance, weakIsLow) => {
        // Flips at or beyond t, measured away from the weak end.
        const [start, weakest] = weakIsLow ? [1, 0] : [0, 1];
        const flips = async (v: number) => (weakIsLow ? v >= t : v <= t);
        const found = await bisectThreshold(flips, start, weakest, tolerance);
        assert.equal(found.kind, 'threshold');
        if (found.kind !== 'threshold') return;
        assert.ok(Math.abs(found.flipping - found.holding) <= tolerance);
        assert.ok(await flips(found.flipping), 'flipping flips');
        assert.ok(!(await flips(found.holding)), 'holding holds');
        assert.ok(Math.min(found.flipping, found.holding) <= t && t <= Math.max(found.flipping, found.holding));
        assert.ok(found.steps <= 3 + Math.ceil(Math.log2(1 / tolerance)), `${found.steps} steps`);
      }),
    );
  });

  it('says when even the weakest value flips, and when the start does not', async () => {
    assert.deepEqual(await bisectThreshold(async () => true, 0.4, 0, 0.01), { kind: 'flipsAtWeakest', flipping: 0, steps: 2 });
    assert.deepEqual(await bisectThreshold(async () => false, 0.4, 0, 0.01), { kind: 'startHolds', holding: 0.4, steps: 1 });
  });

  it('refuses a tolerance that is not a number > 0', async () => {
    await assert.rejects(bisectThreshold(async () => true, 1, 0, 0), /tolerance is a number > 0, got 0/);
    await assert.rejects(bisectThreshold(async () => true, 1, 0, Number.NaN), /got NaN/);
  });
});
