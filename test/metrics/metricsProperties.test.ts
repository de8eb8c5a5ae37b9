import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Degradation } from '../../src/metrics/degradation.js';
import { bucketDose, type ParamCurve } from '../../src/metrics/doseResponse.js';
import { compareRuns } from '../../src/metrics/runComparison.js';
import { summarizeOutcomes, type RunMetrics } from '../../src/metrics/runMetrics.js';
import { outcomeLog, outcomeLogAndShuffle } from './outcomeArbitrary.js';

function isRate(value: object): value is { successes: number; n: number; rate: number | null; lower: number | null; upper: number | null } {
  return 'successes' in value && 'rate' in value && 'lower' in value && 'upper' in value;
}

function isDegradation(value: object): value is Degradation {
  return 'drop' in value && 'flipRate' in value && 'clean' in value && 'attacked' in value;
}

/** Every object in a plain-data tree, depth first. */
function* walk(value: unknown): Generator<object> {
  if (value === null || typeof value !== 'object') return;
  yield value;
  for (const child of Object.values(value)) yield* walk(child);
}

describe('metrics properties (fast-check)', () => {
  it('every rate and interval lies in [0,1] with lower <= rate <= upper; null only with n = 0', () => {
    fc.assert(
      fc.property(outcomeLog, (log) => {
        let rates = 0;
        for (const node of walk(summarizeOutcomes(log))) {
          if (isRate(node)) {
            rates++;
            if (node.n === 0) assert.deepEqual([node.rate, node.lower, node.upper], [null, null, null]);
            else {
              const { rate, lower, upper } = node;
              assert.ok(rate !== null && lower !== null && upper !== null);
              assert.ok(0 <= lower && lower <= rate && rate <= upper && upper <= 1, JSON.stringify(node));
              assert.equal(rate, node.successes / node.n);
            }
          }
          if ('meanPerClassRecall' in node && typeof node.meanPerClassRecall === 'number') {
            assert.ok(node.meanPerClassRecall >= 0 && node.meanPerClassRecall <= 1);
          }
          if ('pValue' in node && typeof node.pValue === 'number') assert.ok(node.pValue >= 0 && node.pValue <= 1);
        }
        if (log.length > 0) assert.ok(rates > 0);
      }),
      { numRuns: 40 },
    );
  });

  it('drop = clean - attacked exactly, for every metric of every breakdown', () => {
    fc.assert(
      fc.property(outcomeLog, (log) => {
        for (const node of walk(summarizeOutcomes(log))) {
          if (!isDegradation(node)) continue;
          const pairs = [
            [node.drop.acc1, node.clean.acc1.rate, node.attacked.acc1.rate],
            [node.drop.acc5, node.clean.acc5.rate, node.attacked.acc5.rate],
            [node.drop.meanPerClassRecall, node.clean.meanPerClassRecall, node.attacked.meanPerClassRecall],
          ] as const;
          for (const [drop, clean, attacked] of pairs) {
            if (clean === null || attacked === null) assert.equal(drop.absolute, null);
            else {
              assert.equal(drop.absolute, clean - attacked);
              assert.equal(drop.relative, clean === 0 ? null : (clean - attacked) / clean);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('permuting the outcomes changes nothing, byte for byte', () => {
    fc.assert(
      fc.property(outcomeLogAndShuffle, ([log, shuffled]) => {
        assert.equal(JSON.stringify(summarizeOutcomes(shuffled)), JSON.stringify(summarizeOutcomes(log)));
        assert.equal(JSON.stringify(compareRuns(shuffled, log)), JSON.stringify(compareRuns(log, shuffled)));
      }),
      { numRuns: 40 },
    );
  });

  it('every row is counted; only scored rows enter rates; errors do not move a rate', () => {
    fc.assert(
      fc.property(outcomeLog, (log) => {
        const summary: RunMetrics = summarizeOutcomes(log);
        const errors = log.filter((o) => o.kind === 'error').length;
        const { counts } = summary;
        assert.equal(counts.total, log.length);
        assert.equal(counts.errors.load + counts.errors.label + counts.errors.render + counts.errors.embed, errors);
        assert.equal(counts.unrenderable, log.filter((o) => o.kind === 'unrenderable').length);
        for (const [modelId, model] of Object.entries(summary.models)) {
          const scoredSamples = new Set(log.filter((o) => o.model === modelId && o.kind === 'scored').map((o) => o.sampleId));
          assert.equal(model.clean.samples, scoredSamples.size);
          assert.equal(model.clean.acc1.n, scoredSamples.size);
          for (const attack of Object.values(model.attacks)) assert.equal(attack.n, attack.counts.scored);
        }
        // Dropping the error and unrenderable rows leaves every rate where it was.
        const onlyScored = summarizeOutcomes(log.filter((o) => o.kind === 'scored'));
        for (const [modelId, model] of Object.entries(onlyScored.models)) {
          const full = summary.models[modelId];
          assert.ok(full);
          assert.deepEqual({ ...full.clean, counts: null }, { ...model.clean, counts: null });
          for (const [attackId, attack] of Object.entries(model.attacks)) {
            assert.deepEqual({ ...full.attacks[attackId], counts: null }, { ...attack, counts: null });
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('every curve, per attack and per model, has an AD50 exactly when its parameter is numeric with two doses, inside its range', () => {
    fc.assert(
      fc.property(outcomeLog, (log) => {
        for (const model of Object.values(summarizeOutcomes(log).models)) {
          const curves: [string, ParamCurve][] = [...Object.entries(model.byParam), ...Object.values(model.attacks).flatMap((a) => Object.entries(a.byParam))];
          for (const [param, curve] of curves) {
            const doses = curve.buckets.map(bucketDose);
            const scoredDoses = curve.buckets.filter((b) => b.n > 0).map(bucketDose);
            const numeric = doses.every((d) => d !== null);
            assert.equal(curve.ad50 !== null, numeric && new Set(scoredDoses).size >= 2, `${param}: ${JSON.stringify(curve.ad50)}`);
            if (param === 'placement' || param === 'bold') assert.equal(curve.ad50, null);
            const dose = curve.ad50?.dose ?? null;
            if (dose !== null) {
              const present = scoredDoses as number[];
              assert.ok(Math.min(...present) <= dose && dose <= Math.max(...present), `${param}: ${dose}`);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a run compared with itself: no change, no discordant pairs, p = 1', () => {
    fc.assert(
      fc.property(outcomeLog, (log) => {
        for (const model of Object.values(compareRuns(log, log).models)) {
          for (const change of [model.clean, ...Object.values(model.attacks)]) {
            assert.equal(change.onlyInBaseline + change.onlyInCandidate, 0);
            assert.deepEqual(change.mcnemar, { b: 0, c: 0, pValue: 1 });
            assert.equal(change.change, change.n === 0 ? null : 0);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
