import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsError } from '../../src/errors/errors.js';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import type { Rate } from '../../src/metrics/statistics.js';
import type { Outcome } from '../../src/results/outcome.js';
import { failed, scored, unrenderable } from './outcomeBuilders.js';

/**
 * Ten samples, classes cat 0, dog 1, car 2 (true: s0-s3 cat, s4-s6 dog, s7-s9 car), every one
 * attacked by `sticker#0` writing "dog" (target 1). Expected numbers are worked out by hand in the
 * comments, not by the code under test.
 */
const truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
const cleanRanked = [
  [0, 1, 2, 3, 4], // s0 right
  [0, 2, 1, 3, 4], // s1 right
  [1, 0, 2, 3, 4], // s2 wrong, in top-5
  [1, 2, 3, 4, 5], // s3 wrong, not in top-5
  [1, 0, 2, 3, 4], // s4 right
  [1, 2, 0, 3, 4], // s5 right
  [0, 1, 2, 3, 4], // s6 wrong, in top-5
  [2, 0, 1, 3, 4], // s7 right
  [2, 1, 0, 3, 4], // s8 right
  [2, 0, 1, 3, 4], // s9 right
];
const attackedRanked = [
  [1, 0, 2, 3, 4], // s0 wrong, flip, hit
  [0, 1, 2, 3, 4], // s1 right
  [1, 0, 2, 3, 4], // s2 wrong, hit (no flip: clean top-1 was dog already)
  [1, 2, 3, 4, 5], // s3 wrong, hit, not in top-5
  [1, 0, 2, 3, 4], // s4 right (true class = target: not in the success rate)
  [0, 1, 2, 3, 4], // s5 wrong, flip
  [1, 0, 2, 3, 4], // s6 right, flip
  [1, 3, 4, 5, 0], // s7 wrong, flip, hit, not in top-5
  [2, 1, 0, 3, 4], // s8 right
  [1, 2, 0, 3, 4], // s9 wrong, flip, hit
];

function tenSamples(): Outcome[] {
  const outcomes: Outcome[] = [];
  truth.forEach((trueIndex, i) => {
    const clean = cleanRanked[i] ?? [];
    outcomes.push(scored({ sampleId: `s${i}`, trueIndex, clean }));
    outcomes.push(
      scored({
        sampleId: `s${i}`,
        trueIndex,
        clean,
        attacked: attackedRanked[i] ?? [],
        attackId: 'sticker#0',
        targetIndex: 1,
        params: { fontSizePx: i < 5 ? 16 : 32, placement: i % 2 === 0 ? 'top' : 'bottom' },
      }),
    );
  });
  // A second attack: s0-s2 scored (right, wrong, wrong), s3 unrenderable, s4 fails to render.
  outcomes.push(scored({ sampleId: 's0', trueIndex: 0, clean: cleanRanked[0] ?? [], attacked: [0, 1], attackId: 'sticker#1' }));
  outcomes.push(scored({ sampleId: 's1', trueIndex: 0, clean: cleanRanked[1] ?? [], attacked: [2, 0], attackId: 'sticker#1' }));
  outcomes.push(scored({ sampleId: 's2', trueIndex: 0, clean: cleanRanked[2] ?? [], attacked: [1, 0], attackId: 'sticker#1' }));
  outcomes.push(unrenderable('s3', 'sticker#1'));
  outcomes.push(failed('s4', 'sticker#1', 'render'));
  // An eleventh sample whose image could not be read: counted, in no rate.
  outcomes.push(failed('s10', 'clean', 'load'));
  return outcomes;
}

const assertRate = (rate: Rate, successes: number, n: number, what: string) => {
  assert.equal(rate.successes, successes, `${what} successes`);
  assert.equal(rate.n, n, `${what} n`);
  assert.equal(rate.rate, successes / n, `${what} rate`);
  assert.ok(rate.lower !== null && rate.upper !== null && rate.lower <= successes / n && successes / n <= rate.upper, `${what} interval`);
};

describe('summarizeOutcomes on a hand-computed run', () => {
  const summary = summarizeOutcomes(tenSamples());
  const model = summary.models['m'];
  assert.ok(model);

  it('clean accuracy over the 10 unique samples: acc1 7/10, acc5 9/10, mean per-class recall (2/4 + 2/3 + 3/3) / 3', () => {
    assert.equal(model.clean.samples, 10);
    assertRate(model.clean.acc1, 7, 10, 'clean acc1');
    assertRate(model.clean.acc5, 9, 10, 'clean acc5');
    assert.ok(Math.abs((model.clean.meanPerClassRecall ?? NaN) - (0.5 + 2 / 3 + 1) / 3) < 1e-12);
    assertRate(model.clean.byClass['dog']?.acc1 ?? assert.fail('no dog'), 2, 3, 'clean dog');
  });

  it('attacked accuracy, drops, flips, targeted success and McNemar for sticker#0', () => {
    const attack = model.attacks['sticker#0'];
    assert.ok(attack);
    assert.equal(attack.n, 10);
    assertRate(attack.clean.acc1, 7, 10, 'paired clean acc1');
    assertRate(attack.attacked.acc1, 4, 10, 'attacked acc1');
    assertRate(attack.attacked.acc5, 8, 10, 'attacked acc5');
    assert.ok(Math.abs((attack.attacked.meanPerClassRecall ?? NaN) - (1 / 4 + 2 / 3 + 1 / 3) / 3) < 1e-12);
    assert.ok(Math.abs((attack.drop.acc1.absolute ?? NaN) - 0.3) < 1e-12);
    assert.ok(Math.abs((attack.drop.acc1.relative ?? NaN) - 0.3 / 0.7) < 1e-12);
    assert.ok(Math.abs((attack.drop.acc5.absolute ?? NaN) - 0.1) < 1e-12);
    assertRate(attack.flipRate, 5, 10, 'flip rate');
    // Rows whose text names a class other than the true one: the 7 non-dog samples; 5 read "dog"
    // (targetMatchRate). Of those, s2 and s3 read "dog" clean already: the word moved 3 of the other 5
    // (s0, s7, s9; not s1, s8): targetedAsr 3/5.
    assertRate(attack.targetMatchRate, 5, 7, 'target match');
    assertRate(attack.targetedAsr, 3, 5, 'targeted ASR');
    // Clean-correct rows s0, s1, s4, s5, s7, s8, s9; wrong under attack: s0, s5, s7, s9.
    assertRate(attack.untargetedAsr, 4, 7, 'untargeted ASR');
    // b = clean right, attacked wrong (s0, s5, s7, s9); c = the reverse (s6); p = 2 * (1 + 5) / 32.
    assert.deepEqual([attack.mcnemar.b, attack.mcnemar.c], [4, 1]);
    assert.ok(Math.abs(attack.mcnemar.pValue - 0.375) < 1e-12, `${attack.mcnemar.pValue}`);
  });

  it('per class within the attack', () => {
    const attack = model.attacks['sticker#0'];
    const { cat, dog, car } = attack?.byClass ?? {};
    assert.ok(cat && dog && car);
    assertRate(cat.attacked.acc1, 1, 4, 'cat attacked');
    assertRate(cat.targetMatchRate, 3, 4, 'cat target match');
    // s2 and s3 read "dog" clean: of s0 and s1 the word moved s0.
    assertRate(cat.targetedAsr, 1, 2, 'cat targeted');
    assertRate(cat.untargetedAsr, 1, 2, 'cat untargeted');
    assert.equal(dog.targetedAsr.n, 0);
    assert.equal(dog.targetedAsr.rate, null);
    assert.equal(dog.targetMatchRate.n, 0);
    assertRate(dog.flipRate, 2, 3, 'dog flips');
    assert.deepEqual([car.mcnemar.b, car.mcnemar.c], [2, 0]);
    assert.ok(Math.abs(car.mcnemar.pValue - 0.5) < 1e-12, `${car.mcnemar.pValue}`);
    assert.deepEqual(Object.keys(attack?.byClass ?? {}), ['car', 'cat', 'dog']);
  });

  it('per parameter bucket: font size by value, numbers in numeric order', () => {
    const curve = model.attacks['sticker#0']?.byParam['fontSizePx'];
    assert.ok(curve);
    assert.equal(curve.bucketing, 'values');
    assert.deepEqual(curve.buckets.map((b) => b.value), [16, 32]);
    const [small, large] = curve.buckets;
    assert.ok(small && large);
    assertRate(small.attacked.acc1, 2, 5, '16px accuracy');
    assertRate(small.flipRate, 1, 5, '16px flips');
    assertRate(small.targetMatchRate, 3, 4, '16px target match');
    assertRate(small.targetedAsr, 1, 2, '16px targeted');
    assertRate(large.attacked.acc1, 2, 5, '32px accuracy');
    assertRate(large.flipRate, 4, 5, '32px flips');
    assertRate(large.targetMatchRate, 2, 3, '32px target match');
    assertRate(large.targetedAsr, 2, 3, '32px targeted');
    // Across the model, sticker#1's three scored rows carry no font size.
    assert.equal(model.byParam['fontSizePx']?.missing, 3);
    assert.deepEqual(model.byParam['placement']?.buckets.map((b) => [b.label, b.n]), [['bottom', 5], ['top', 5]]);
  });

  it('AD50 per attack and per model: half of the pooled clean top-1 (7/10), never reached at 2/5; none for a string parameter', () => {
    for (const curves of [model.attacks['sticker#0']?.byParam, model.byParam]) {
      const ad50 = curves?.['fontSizePx']?.ad50;
      assert.equal(ad50?.bound, 'notReached');
      assert.equal(ad50?.dose, null);
      assert.ok(Math.abs((ad50?.level ?? NaN) - 0.35) < 1e-12);
      assert.equal(curves?.['placement']?.ad50, null);
    }
  });

  it('counts unrenderable and error rows by attack and stage, and keeps them out of every rate', () => {
    const other = model.attacks['sticker#1'];
    assert.ok(other);
    assert.deepEqual(other.counts, { total: 5, scored: 3, unrenderable: 1, errors: { load: 0, label: 0, render: 1, embed: 0 } });
    assert.equal(other.n, 3);
    assertRate(other.attacked.acc1, 1, 3, 'sticker#1 attacked');
    assert.deepEqual(model.clean.counts, { total: 11, scored: 10, unrenderable: 0, errors: { load: 1, label: 0, render: 0, embed: 0 } });
    assert.deepEqual(summary.counts, { total: 26, scored: 23, unrenderable: 1, errors: { load: 1, label: 0, render: 1, embed: 0 } });
    assert.deepEqual(Object.keys(model.attacks), ['sticker#0', 'sticker#1']);
  });

  it('is plain JSON: a round trip changes nothing (no NaN, no undefined)', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
  });
});

describe('summarizeOutcomes on inconsistent or unusual logs', () => {
  it('refuses two rows of one sample with different clean predictions', () => {
    const outcomes = [
      scored({ sampleId: 's0', trueIndex: 0, clean: [0, 1] }),
      scored({ sampleId: 's0', trueIndex: 0, clean: [1, 0], attacked: [1, 0], attackId: 'a#0' }),
    ];
    assert.throws(
      () => summarizeOutcomes(outcomes),
      (error: unknown) => error instanceof MetricsError && error.kind === 'cleanDisagreement' && error.sampleId === 's0' && /s0/.test(error.message),
    );
  });

  it('accepts clean rows that differ only in probabilities or in ranks beyond five', () => {
    const first = scored({ sampleId: 's0', trueIndex: 0, clean: [0, 1, 2, 3, 4, 5] });
    const second = scored({ sampleId: 's0', trueIndex: 0, clean: [0, 1, 2, 3, 4, 6], attackId: 'a#0' });
    const noisy = { ...second, clean: second.clean.map((c) => ({ ...c, probability: c.probability + 1e-7 })) };
    assert.equal(summarizeOutcomes([first, noisy]).models['m']?.clean.samples, 1);
  });

  it('refuses a duplicate (model, attack, sample), whatever the kinds', () => {
    const outcomes = [failed('s0', 'a#0', 'embed'), scored({ sampleId: 's0', trueIndex: 0, clean: [0], attackId: 'a#0' })];
    assert.throws(() => summarizeOutcomes(outcomes), (error: unknown) => error instanceof MetricsError && error.kind === 'duplicateOutcome');
  });

  it('an attack with no scored rows has null rates and its counts', () => {
    const summary = summarizeOutcomes([unrenderable('s0', 'a#0'), scored({ sampleId: 's1', trueIndex: 0, clean: [0] })]);
    const attack = summary.models['m']?.attacks['a#0'];
    assert.ok(attack);
    assert.equal(attack.n, 0);
    assert.equal(attack.attacked.acc1.rate, null);
    assert.deepEqual(attack.drop.acc1, { absolute: null, relative: null });
    assert.equal(attack.counts.unrenderable, 1);
  });

  it('relative drop is null when clean accuracy is 0', () => {
    const summary = summarizeOutcomes([scored({ sampleId: 's0', trueIndex: 0, clean: [1, 0], attacked: [1, 0], attackId: 'a#0' })]);
    assert.deepEqual(summary.models['m']?.attacks['a#0']?.drop.acc1, { absolute: 0, relative: null });
  });

  it('bins a numeric parameter with many distinct values into equal-width bins, and by value when allowed more', () => {
    const rows = Array.from({ length: 20 }, (_, i) =>
      scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0], attacked: i % 2 === 0 ? [0] : [1], attackId: 'a#0', params: { opacity: i / 19 } }),
    );
    const binned = summarizeOutcomes(rows).models['m']?.attacks['a#0']?.byParam['opacity'];
    assert.ok(binned);
    assert.equal(binned.bucketing, 'bins');
    assert.equal(binned.buckets.length, 10);
    // 20 evenly spaced values in [0, 1]: two per bin of width 0.1; edges 0, 0.1, ..., 1.
    binned.buckets.forEach((bucket, i) => {
      assert.equal(bucket.n, 2, bucket.label);
      assert.ok(Math.abs((bucket.from ?? NaN) - i / 10) < 1e-12 && Math.abs((bucket.to ?? NaN) - (i + 1) / 10) < 1e-12, bucket.label);
      assert.equal(bucket.value, null);
    });
    assert.equal(binned.buckets[9]?.to, 1);
    assert.match(binned.buckets[9]?.label ?? '', /\]$/);
    // Attacked top-1 is 1/2 in every bin, half of clean (all right): at the level already at the first bin's midpoint.
    assert.equal(binned.ad50?.bound, 'atOrBelow');
    assert.equal(binned.ad50?.level, 0.5);
    assert.ok(Math.abs((binned.ad50?.dose ?? NaN) - 0.05) < 1e-12, `${binned.ad50?.dose}`);
    const byValue = summarizeOutcomes(rows, { maxExactValues: 20 }).models['m']?.attacks['a#0']?.byParam['opacity'];
    assert.equal(byValue?.bucketing, 'values');
    assert.equal(byValue?.buckets.length, 20);
    assert.throws(() => summarizeOutcomes(rows, { binCount: 0 }), RangeError);
  });

  it('pools the attacks of a model into its AD50 curve', () => {
    // a#0: right at 10 px, wrong at 20 px; b#0: right at both. Per model: 8/8 at 10, 4/8 at 20 = half of clean.
    const rows = ['a#0', 'b#0'].flatMap((attackId) =>
      [10, 20].flatMap((fontSizePx) =>
        Array.from({ length: 4 }, (_, i) =>
          scored({ sampleId: `s${fontSizePx}-${i}`, trueIndex: 0, clean: [0, 1], attacked: attackId === 'a#0' && fontSizePx === 20 ? [1, 0] : [0, 1], attackId, params: { fontSizePx } }),
        ),
      ),
    );
    const model = summarizeOutcomes(rows).models['m'];
    assert.deepEqual(model?.attacks['a#0']?.byParam['fontSizePx']?.ad50, { dose: 15, level: 0.5, bound: 'crossed' });
    assert.deepEqual(model?.attacks['b#0']?.byParam['fontSizePx']?.ad50, { dose: null, level: 0.5, bound: 'notReached' });
    assert.deepEqual(model?.byParam['fontSizePx']?.ad50, { dose: 20, level: 0.5, bound: 'crossed' });
  });

  it('orders value buckets: numbers ascending, then booleans, then strings', () => {
    const values = ['b', true, 10, 'a', 2, false];
    const rows = values.map((v, i) => scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0], attackId: 'a#0', params: { mixed: v } }));
    const curve = summarizeOutcomes(rows).models['m']?.attacks['a#0']?.byParam['mixed'];
    assert.deepEqual(curve?.buckets.map((b) => b.value), [2, 10, false, true, 'a', 'b']);
  });

  it('keeps a label named __proto__ as data', () => {
    const row = scored({ sampleId: 's0', trueIndex: 0, clean: [0], attackId: '__proto__' });
    const summary = summarizeOutcomes([row]);
    assert.ok(Object.hasOwn(summary.models['m']?.attacks ?? {}, '__proto__'));
    assert.match(JSON.stringify(summary), /"__proto__":/);
  });
});

describe('attack variants', () => {
  it('counts every variant of one (model, attack, sample) as its own paired row', () => {
    const outcomes = [
      scored({ sampleId: 's1', trueIndex: 0, clean: [0, 1] }),
      scored({ sampleId: 's1', trueIndex: 0, clean: [0, 1], attackId: 'grid', variant: '0/0/0', attacked: [0, 1] }),
      scored({ sampleId: 's1', trueIndex: 0, clean: [0, 1], attackId: 'grid', variant: '0/0/1', attacked: [1, 0] }),
    ];
    const grid = summarizeOutcomes(outcomes).models['m']?.attacks['grid'];
    assert.equal(grid?.n, 2);
    assert.equal(grid?.attacked.acc1.rate, 0.5);
  });

  it('refuses the same variant twice', () => {
    const row = scored({ sampleId: 's1', trueIndex: 0, clean: [0, 1], attackId: 'grid', variant: '0/0/0' });
    assert.throws(() => summarizeOutcomes([row, row]), (e: unknown) => e instanceof MetricsError && e.kind === 'duplicateOutcome');
  });
});

describe('real-world rows without a clean pair', () => {
  const rate = (r: Rate | undefined) => [r?.successes, r?.n];
  // Classes cat 0, dog 1, car 2; every image carries the word "dog" (target 1). u0-u2 have no
  // clean pair (their logged clean repeats attacked, as the run writes them); p0-p1 have one.
  const realWorld = (sampleId: string, trueIndex: number, clean: number[], attacked: number[], paired: boolean) =>
    scored({ sampleId, trueIndex, clean, attacked, attackId: 'real-world', targetIndex: 1, params: { paired } });
  const outcomes = [
    realWorld('u0', 0, [1, 0], [1, 0], false), // the word wins
    realWorld('u1', 0, [0, 1], [0, 1], false), // right
    realWorld('u2', 2, [2, 1], [2, 1], false), // right
    realWorld('p0', 0, [0, 1], [1, 0], true), // clean right, attacked: the word wins (a flip)
    realWorld('p1', 2, [0, 2], [0, 2], true), // clean wrong (cat), attacked the same
    scored({ sampleId: 'p0', trueIndex: 0, clean: [0, 1] }),
    scored({ sampleId: 'p1', trueIndex: 2, clean: [0, 2] }),
  ];
  const model = summarizeOutcomes(outcomes).models['m'];
  const attack = model?.attacks['real-world'];

  it('keeps them out of clean accuracy: the model has 2 clean samples, 1 right', () => {
    assert.equal(model?.clean.samples, 2);
    assert.deepEqual(rate(model?.clean.acc1), [1, 2]);
  });

  it('counts them in attacked accuracy and in how often the word wins, over all 5 rows', () => {
    assert.equal(attack?.n, 5);
    assert.deepEqual(rate(attack?.attacked.acc1), [2, 5]); // u1, u2
    assert.deepEqual(rate(attack?.targetMatchRate), [2, 5]); // u0, p0
  });

  it('compares clean with attacked on the 2 paired rows only', () => {
    assert.deepEqual(rate(attack?.clean.acc1), [1, 2]); // p0
    assert.deepEqual(attack?.drop.acc1, { absolute: 0.5, relative: 1 }); // paired attacked 0/2
    assert.deepEqual(rate(attack?.flipRate), [1, 2]); // p0
    assert.deepEqual(rate(attack?.untargetedAsr), [1, 1]);
    assert.deepEqual(rate(attack?.targetedAsr), [1, 2]); // p0 moved; p1 (clean cat) was movable, not moved
    assert.deepEqual(attack?.mcnemar.b, 1);
  });

  it('has no clean figures at all when no row is paired', () => {
    const unpairedOnly = summarizeOutcomes(outcomes.filter((o) => o.sampleId.startsWith('u'))).models['m'];
    assert.equal(unpairedOnly?.clean.samples, 0);
    const only = unpairedOnly?.attacks['real-world'];
    assert.equal(only?.clean.acc1.rate, null);
    assert.deepEqual(only?.drop.acc1, { absolute: null, relative: null });
    assert.equal(only?.flipRate.rate, null);
    assert.deepEqual(rate(only?.attacked.acc1), [2, 3]);
  });
});
