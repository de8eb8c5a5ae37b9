import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyGateFlags, describeGate, evaluateGates } from '../../src/gates/gates.js';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import type { Outcome } from '../../src/results/outcome.js';
import type { SuiteThresholds } from '../../src/suite/suite.js';
import { outcomeLog } from '../metrics/outcomeArbitrary.js';
import { failed, scored, unrenderable } from '../metrics/outcomeBuilders.js';

/**
 * Ten samples of class 0, all right when clean. Under attack `a`, `flipped` of them become class
 * 1, and the text of every row names class 1: drop = flipped/10, ASR = flipped/10, attacked acc
 * = 1 - flipped/10, by construction.
 */
function attackLog(flipped: number, attackId = 'a', model = 'm'): Outcome[] {
  return Array.from({ length: 10 }, (_, i): Outcome[] => [
    scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0, 1], model }),
    scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0, 1], attacked: i < flipped ? [1, 0] : [0, 1], attackId, model, targetIndex: 1 }),
  ]).flat();
}

const only = (gates: SuiteThresholds['perAttack'][string], perAttack: SuiteThresholds['perAttack'] = {}): SuiteThresholds => ({ ...gates, perAttack });

describe('evaluateGates', () => {
  it('measures drop, targeted success and attacked accuracy and compares them with the limits', () => {
    const metrics = summarizeOutcomes(attackLog(3));
    const results = evaluateGates(metrics, only({ maxDrop: 0.2, maxAsr: 0.5, minAttackedAcc: 0.8 }));
    assert.deepEqual(
      results.map((r) => [r.model, r.attack, r.gate, r.limit, r.n, r.passed]),
      [
        ['m', 'a', 'maxDrop', 0.2, 10, false],
        ['m', 'a', 'maxAsr', 0.5, 10, true],
        ['m', 'a', 'minAttackedAcc', 0.8, 10, false],
      ],
    );
    assert.ok(Math.abs((results[0]?.actual ?? NaN) - 0.3) < 1e-12);
    assert.equal(results[1]?.actual, 0.3);
    assert.equal(results[2]?.actual, 0.7);
    assert.equal(results[0]?.interval, null, 'a drop has no Wilson interval');
    assert.ok(results[2]?.interval !== null && (results[2]?.interval?.lower ?? 1) < 0.7 && (results[2]?.interval?.upper ?? 0) > 0.7);
  });

  it('a value exactly at the limit passes, even when floating-point subtraction overshoots it', () => {
    // 1 - 0.7 = 0.30000000000000004 in binary floating point.
    const metrics = summarizeOutcomes(attackLog(3));
    assert.ok((metrics.models['m']?.attacks['a']?.drop.acc1.absolute ?? 0) > 0.3, 'the drop overshoots 0.3 in floating point');
    const [drop, asr, acc] = evaluateGates(metrics, only({ maxDrop: 0.3, maxAsr: 0.3, minAttackedAcc: 0.7 }));
    assert.deepEqual([drop?.passed, asr?.passed, acc?.passed], [true, true, true]);
    const [, , stricter] = evaluateGates(metrics, only({ minAttackedAcc: 0.71, maxDrop: 0.29 }));
    assert.equal(stricter, undefined, 'only the gates that are set are evaluated');
    assert.deepEqual(evaluateGates(metrics, only({ minAttackedAcc: 0.71, maxDrop: 0.29 })).map((r) => r.passed), [false, false]);
  });

  it('per-attack values override the suite-wide ones for that attack only', () => {
    const metrics = summarizeOutcomes([...attackLog(3, 'a'), ...attackLog(3, 'b').filter((o) => o.attackId !== 'clean')]);
    const results = evaluateGates(metrics, only({ maxDrop: 0.1 }, { b: { maxDrop: 0.5 } }));
    assert.deepEqual(results.map((r) => [r.attack, r.limit, r.passed]), [['a', 0.1, false], ['b', 0.5, true]]);
  });

  it('fails a gate it cannot measure: an attack with only error and unrenderable rows, or a planned attack with no rows', () => {
    const log: Outcome[] = [...attackLog(0), failed('s0', 'broken', 'render'), unrenderable('s1', 'broken')];
    const results = evaluateGates(summarizeOutcomes(log), only({ maxDrop: 0.5 }), { attackIds: ['a', 'broken', 'never-ran'] });
    assert.deepEqual(results.map((r) => [r.attack, r.actual, r.passed]), [['a', 0, true], ['broken', null, false], ['never-ran', null, false]]);
    assert.match(results[1]?.note ?? '', /no scored rows \(1 unrenderable, 1 errors\)/);
    assert.match(results[2]?.note ?? '', /no rows/);
    assert.match(describeGate(results[1]!), /broken: maxDrop failed: not measured \(no scored rows/);
  });

  it('maxAsr holds when no row names a class other than the true one (no targeted hit is possible)', () => {
    const log = attackLog(5).map((o) => (o.kind === 'scored' && o.attackId === 'a' ? { ...o, targetIndex: null } : o));
    const [asr] = evaluateGates(summarizeOutcomes(log), only({ maxAsr: 0 }));
    assert.deepEqual([asr?.actual, asr?.passed], [null, true]);
    assert.match(asr?.note ?? '', /names a class other than the true one/);
  });

  it('with perClass, adds one result per true class after each attack-level result', () => {
    const log = [...attackLog(2), scored({ sampleId: 'x', trueIndex: 2, clean: [2], model: 'm' }), scored({ sampleId: 'x', trueIndex: 2, clean: [2], attacked: [2], attackId: 'a', model: 'm' })];
    const results = evaluateGates(summarizeOutcomes(log), only({ maxDrop: 0.15 }), { perClass: true });
    assert.deepEqual(results.map((r) => [r.className, r.n, r.passed]), [[null, 11, false], ['car', 1, true], ['cat', 10, false]]);
  });

  it('gives nothing without thresholds, and never gates the clean rows', () => {
    const metrics = summarizeOutcomes(attackLog(1));
    assert.deepEqual(evaluateGates(metrics, undefined), []);
    assert.ok(evaluateGates(metrics, only({ maxDrop: 0 }), { attackIds: ['clean'] }).every((r) => r.attack !== 'clean'));
  });

  it('property: maxDrop passes exactly when clean minus attacked correct rows, over scored rows, is at most the limit', () => {
    fc.assert(
      fc.property(outcomeLog, fc.integer({ min: 0, max: 20 }).map((k) => k / 20), (log, limit) => {
        const results = evaluateGates(summarizeOutcomes(log), only({ maxDrop: limit }));
        for (const r of results) {
          const rows = log.filter((o) => o.kind === 'scored' && o.model === r.model && o.attackId === r.attack);
          const correct = (side: 'clean' | 'attacked') => rows.filter((o) => o.kind === 'scored' && o[side][0]?.index === o.trueIndex).length;
          if (rows.length === 0) assert.equal(r.passed, false);
          else assert.equal(r.passed, (correct('clean') - correct('attacked')) / rows.length <= limit + 1e-9, JSON.stringify(r));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('applyGateFlags', () => {
  const suite: SuiteThresholds = { maxDrop: 0.1, maxAsr: 0.3, perAttack: { atr: { maxDrop: 0.25, minAttackedAcc: 0.2 } } };

  it('a flag replaces the suite-wide value and every per-attack override of that gate', () => {
    assert.deepEqual(applyGateFlags(suite, { maxDrop: 0.05 }), { maxDrop: 0.05, maxAsr: 0.3, perAttack: { atr: { minAttackedAcc: 0.2 } } });
  });

  it('keeps the suite untouched without flags, and builds thresholds from flags alone', () => {
    assert.equal(applyGateFlags(suite, {}), suite);
    assert.equal(applyGateFlags(undefined, {}), undefined);
    assert.deepEqual(applyGateFlags(undefined, { minAttackedAcc: 0.5 }), { minAttackedAcc: 0.5, perAttack: {} });
    assert.deepEqual(suite.perAttack, { atr: { maxDrop: 0.25, minAttackedAcc: 0.2 } }, 'the input is not modified');
  });

  it('drops a per-attack entry left empty', () => {
    assert.deepEqual(applyGateFlags({ perAttack: { a: { maxAsr: 0.1 } } }, { maxAsr: 0.2 }), { maxAsr: 0.2, perAttack: {} });
  });
});
