import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { summarizeDegradation } from '../../src/metrics/degradation.js';
import { bucketDose, halfAccuracyDose, type ParamBucket } from '../../src/metrics/doseResponse.js';
import type { PairedRow } from '../../src/metrics/indexOutcomes.js';

/** Where a bucket sits: one value, or a bin [from, to]. */
type At = number | string | boolean | readonly [number, number];

/** A bucket of `n` rows, the first `clean` right on the clean image and the first `attacked` right under attack. */
function bucket(at: At, n: number, clean: number, attacked: number): ParamBucket {
  const rows = Array.from({ length: n }, (_, i): PairedRow => ({
    sampleId: `s${i}`,
    variant: '0',
    attackId: 'a',
    trueLabel: 'cat',
    clean: { trueIndex: 0, ranked: i < clean ? [0, 1] : [1, 0] },
    attacked: { trueIndex: 0, ranked: i < attacked ? [0, 1] : [1, 0] },
    targetIndex: 1,
    params: {},
  }));
  const where = typeof at === 'object'
    ? { label: `[${at[0]}, ${at[1]})`, value: null, from: at[0], to: at[1] }
    : { label: String(at), value: at, from: null, to: null };
  return { ...where, ...summarizeDegradation(rows) };
}

const close = (actual: number | null | undefined, expected: number) => {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);
};

describe('bucketDose', () => {
  it('is the value of a numeric bucket, the midpoint of a bin, null otherwise', () => {
    assert.equal(bucketDose(bucket(16, 1, 1, 1)), 16);
    assert.equal(bucketDose(bucket([8, 12], 1, 1, 1)), 10);
    assert.equal(bucketDose(bucket('top', 1, 1, 1)), null);
    assert.equal(bucketDose(bucket(true, 1, 1, 1)), null);
    assert.equal(bucketDose({ value: null, from: 1.5e308, to: 1.7e308 }), 1.6e308, 'no overflow to Infinity');
  });
});

describe('halfAccuracyDose on hand-computed curves', () => {
  it('interpolates between the last dose above half of clean and the first at or below it', () => {
    // Clean 30/30, level 0.5; attacked 1.0, 0.7, 0.1: crosses between 20 and 30 at 20 + 10 * 0.2 / 0.6.
    const ad50 = halfAccuracyDose({ buckets: [bucket(10, 10, 10, 10), bucket(20, 10, 10, 7), bucket(30, 10, 10, 1)] });
    assert.equal(ad50?.bound, 'crossed');
    assert.equal(ad50?.level, 0.5);
    close(ad50?.dose, 20 + 10 / 3);
  });

  it('halves the clean accuracy pooled over the curve, not per bucket', () => {
    // Clean 4/4 and 3/6: pooled 7/10, level 0.35; attacked 1.0 then 0.0: 1 + (1 - 0.35) / 1 * (2 - 1).
    const ad50 = halfAccuracyDose({ buckets: [bucket(1, 4, 4, 4), bucket(2, 6, 3, 0)] });
    close(ad50?.level, 0.35);
    close(ad50?.dose, 1.65);
  });

  it('counts a bucket exactly at half of clean as reached, without rounding error', () => {
    // Pooled clean 6/9 = 2/3, level 1/3; the 20 bucket is at 1/3 exactly.
    const ad50 = halfAccuracyDose({ buckets: [bucket(10, 3, 2, 3), bucket(20, 3, 2, 1), bucket(30, 3, 2, 0)] });
    assert.deepEqual([ad50?.bound, ad50?.dose], ['crossed', 20]);
  });

  it('skips empty bins and takes a bin at its midpoint', () => {
    // Bins centred on 5, 15 (empty) and 25; attacked 1.0 then 0.0, level 0.5: halfway from 5 to 25.
    const ad50 = halfAccuracyDose({ buckets: [bucket([0, 10], 4, 4, 4), bucket([10, 20], 0, 0, 0), bucket([20, 30], 4, 4, 0)] });
    assert.deepEqual(ad50, { dose: 15, level: 0.5, bound: 'crossed' });
  });

  it('reports the first crossing even when accuracy rises again', () => {
    const ad50 = halfAccuracyDose({ buckets: [bucket(0, 4, 4, 4), bucket(90, 4, 4, 0), bucket(180, 4, 4, 4), bucket(270, 4, 4, 0)] });
    assert.deepEqual(ad50, { dose: 45, level: 0.5, bound: 'crossed' });
  });

  it('is an upper bound at the lowest dose when accuracy is at or below half there already', () => {
    const ad50 = halfAccuracyDose({ buckets: [bucket(32, 4, 4, 0), bucket(8, 4, 4, 2), bucket(16, 4, 4, 4)] });
    assert.deepEqual(ad50, { dose: 8, level: 0.5, bound: 'atOrBelow' });
  });

  it('is not reached when attacked accuracy stays above half of clean', () => {
    assert.deepEqual(halfAccuracyDose({ buckets: [bucket(8, 4, 4, 4), bucket(16, 4, 4, 3)] }), { dose: null, level: 0.5, bound: 'notReached' });
  });

  it('has nothing to halve when clean accuracy is 0', () => {
    assert.deepEqual(halfAccuracyDose({ buckets: [bucket(8, 4, 0, 0), bucket(16, 4, 0, 0)] }), { dose: null, level: null, bound: 'noCleanAccuracy' });
  });

  it('is null for a parameter that is not numeric or has fewer than two doses with rows', () => {
    assert.equal(halfAccuracyDose({ buckets: [bucket('top', 4, 4, 4), bucket('bottom', 4, 4, 0)] }), null);
    assert.equal(halfAccuracyDose({ buckets: [bucket(false, 4, 4, 4), bucket(true, 4, 4, 0)] }), null);
    assert.equal(halfAccuracyDose({ buckets: [bucket(1, 4, 4, 4), bucket('x', 4, 4, 0)] }), null, 'mixed types');
    assert.equal(halfAccuracyDose({ buckets: [bucket(16, 4, 4, 0)] }), null, 'one value');
    assert.equal(halfAccuracyDose({ buckets: [bucket([0, 1], 4, 4, 4), bucket([1, 2], 0, 0, 0)] }), null, 'one non-empty bin');
    assert.equal(halfAccuracyDose({ buckets: [] }), null);
  });
});

/** A curve of up to 8 buckets at distinct integer doses (some empty), in random order. */
const curve = fc
  .uniqueArray(fc.integer({ min: -100, max: 400 }), { minLength: 1, maxLength: 8 })
  .chain((doses) =>
    fc.tuple(
      ...doses.map((dose) =>
        fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(fc.constant(dose), fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }))),
      ),
    ),
  )
  .map((points) => points.map(([dose, n, clean, attacked]) => ({ dose, n, clean, attacked })));

describe('halfAccuracyDose properties (fast-check)', () => {
  it('follows its definition: the level, the bound and where the dose lies', () => {
    fc.assert(
      fc.property(curve, (points) => {
        const result = halfAccuracyDose({ buckets: points.map((p) => bucket(p.dose, p.n, p.clean, p.attacked)) });
        const scored = points.filter((p) => p.n > 0).sort((a, b) => a.dose - b.dose);
        if (scored.length < 2) return assert.equal(result, null);
        assert.ok(result !== null);
        const rows = scored.reduce((sum, p) => sum + p.n, 0);
        const clean = scored.reduce((sum, p) => sum + p.clean, 0);
        if (clean === 0) return assert.deepEqual(result, { dose: null, level: null, bound: 'noCleanAccuracy' });
        const level = clean / rows / 2;
        close(result.level, level);
        const reached = scored.findIndex((p) => p.attacked / p.n <= level + 1e-12);
        if (reached === -1) return assert.deepEqual(result, { dose: null, level: result.level, bound: 'notReached' });
        if (reached === 0) return assert.deepEqual(result, { dose: scored[0]?.dose, level: result.level, bound: 'atOrBelow' });
        const before = scored[reached - 1];
        const after = scored[reached];
        assert.ok(before && after && result.dose !== null);
        assert.equal(result.bound, 'crossed');
        assert.ok(before.dose < result.dose && result.dose <= after.dose, `${result.dose} in (${before.dose}, ${after.dose}]`);
        // On the straight line between the two points, attacked accuracy at the dose is the level.
        const t = (result.dose - before.dose) / (after.dose - before.dose);
        close(before.attacked / before.n + t * (after.attacked / after.n - before.attacked / before.n), level);
        return undefined;
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the buckets', () => {
    fc.assert(
      fc.property(
        curve.chain((points) => fc.tuple(fc.constant(points), fc.shuffledSubarray(points, { minLength: points.length, maxLength: points.length }))),
        ([points, shuffled]) => {
          const of = (ps: typeof points) => halfAccuracyDose({ buckets: ps.map((p) => bucket(p.dose, p.n, p.clean, p.attacked)) });
          assert.deepEqual(of(shuffled), of(points));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a falling curve that starts above half of clean and ends at or below it crosses between two of its doses', () => {
    const falling = fc
      .uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 8 })
      .chain((doses) => fc.tuple(fc.constant([...doses].sort((a, b) => a - b)), fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: doses.length, maxLength: doses.length })));
    fc.assert(
      fc.property(falling, ([doses, hits]) => {
        // 20 rows per dose, all clean-correct (level 0.5); attacked successes strictly decreasing.
        const attacked = [...hits].sort((a, b) => b - a);
        fc.pre((attacked[0] ?? 0) > 10 && (attacked.at(-1) ?? 20) <= 10);
        const result = halfAccuracyDose({ buckets: doses.map((d, i) => bucket(d, 20, 20, attacked[i] ?? 0)) });
        assert.equal(result?.bound, 'crossed');
        const k = attacked.findIndex((a) => a <= 10);
        const lo = doses[k - 1] ?? NaN;
        const hi = doses[k] ?? NaN;
        assert.ok(result?.dose !== null && result?.dose !== undefined && lo < result.dose && result.dose <= hi, `${result?.dose} in (${lo}, ${hi}]`);
      }),
      { numRuns: 200 },
    );
  });

  it('stays plain JSON: no NaN, no Infinity, finite doses within the curve', () => {
    fc.assert(
      fc.property(curve, (points) => {
        const result = halfAccuracyDose({ buckets: points.map((p) => bucket(p.dose, p.n, p.clean, p.attacked)) });
        assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
        if (result?.dose !== null && result?.dose !== undefined) {
          const doses = points.map((p) => p.dose);
          assert.ok(Math.min(...doses) <= result.dose && result.dose <= Math.max(...doses));
        }
      }),
      { numRuns: 100 },
    );
  });
});
