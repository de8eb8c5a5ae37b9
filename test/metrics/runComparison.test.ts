import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRuns, nearTieLead } from '../../src/metrics/runComparison.js';
import { MetricsError } from '../../src/errors/errors.js';
import type { Outcome } from '../../src/results/outcome.js';
import { failed, scored } from './outcomeBuilders.js';

/** Rows of attack `a#0` for samples whose top-1 is right (true) or wrong (false); true class 0. */
function attacked(correct: Record<string, boolean>, model = 'm'): Outcome[] {
  return Object.entries(correct).map(([sampleId, right]) =>
    scored({ sampleId, trueIndex: 0, clean: [0, 1], attacked: right ? [0, 1] : [1, 0], attackId: 'a#0', model }),
  );
}

describe('compareRuns', () => {
  // Paired samples s0-s4: baseline right on s0, s1, s2; candidate right on s0, s3.
  // s5 only in the baseline, s6 only in the candidate.
  const baseline = attacked({ s0: true, s1: true, s2: true, s3: false, s4: false, s5: true });
  const candidate = [
    ...attacked({ s0: true, s1: false, s2: false, s3: true, s4: false, s6: true }),
    ...attacked({ s0: true }, 'new-model'),
  ];
  const result = compareRuns(baseline, candidate);

  it('pairs attacked rows by model, attack and sample and tests the discordant pairs', () => {
    const change = result.models['m']?.attacks['a#0'];
    assert.ok(change);
    assert.equal(change.n, 5);
    assert.equal(change.baseline.successes, 3);
    assert.equal(change.candidate.successes, 2);
    assert.ok(Math.abs((change.change ?? NaN) - -0.2) < 1e-12);
    // b: baseline right, candidate wrong (s1, s2); c: the reverse (s3); p = min(1, 2 * (1 + 3) / 8).
    assert.deepEqual(change.mcnemar, { b: 2, c: 1, pValue: 1 });
    assert.equal(change.onlyInBaseline, 1);
    assert.equal(change.onlyInCandidate, 1);
  });

  it('counts the pairs with the same top-1 class, right or wrong', () => {
    // Same top-1: s0 (both right) and s4 (both the same wrong class); s1-s3 changed.
    assert.deepEqual(
      [result.models['m']?.attacks['a#0']?.agreement.successes, result.models['m']?.attacks['a#0']?.agreement.n],
      [2, 5],
    );
    const wrongBoth = (second: number) => [scored({ sampleId: 's0', trueIndex: 0, clean: [0, 1, 2], attacked: [second, 0, 3 - second], attackId: 'a#0' })];
    assert.equal(compareRuns(wrongBoth(1), wrongBoth(2)).models['m']?.attacks['a#0']?.agreement.successes, 0, 'two different wrong classes disagree');
    assert.equal(compareRuns(wrongBoth(2), wrongBoth(2)).models['m']?.attacks['a#0']?.agreement.rate, 1);
  });

  it('counts the disagreements whose baseline top-1 was a near tie (a logit lead under nearTieLead)', () => {
    /** An attacked row whose top-1 is `first`, leading `second` by the logit gap `lead`. */
    const row = (sampleId: string, first: number, second: number, lead: number): Outcome => {
      const outcome = scored({ sampleId, trueIndex: 0, clean: [0, 1], attacked: [first, second], attackId: 'a#0' });
      const p1 = 0.4;
      return { ...outcome, attacked: outcome.attacked.map((entry, rank) => ({ ...entry, probability: rank === 0 ? p1 : p1 / Math.exp(lead) })) };
    };
    const baseline = [row('s0', 0, 1, nearTieLead / 2), row('s1', 0, 1, nearTieLead * 2), row('s2', 0, 1, 0), row('s3', 0, 1, nearTieLead / 2)];
    // s0 and s2 swap within a near tie, s1 swaps from a clear lead, s3 keeps its class.
    const candidate = [row('s0', 1, 0, 0.01), row('s1', 1, 0, 0.01), row('s2', 1, 0, 0), row('s3', 0, 1, 0.01)];
    const change = compareRuns(baseline, candidate).models['m']?.attacks['a#0'];
    assert.equal(change?.agreement.successes, 1);
    assert.equal(change?.nearTieDisagreements, 2);
    // The baseline's lead decides: seen from the other side, the candidate's leads are all near ties.
    assert.equal(compareRuns(candidate, baseline).models['m']?.attacks['a#0']?.nearTieDisagreements, 3);
  });

  it('compares clean accuracy over the samples scored in both runs', () => {
    const clean = result.models['m']?.clean;
    assert.ok(clean);
    assert.equal(clean.n, 5);
    assert.equal(clean.change, 0);
  });

  it('lists a model of one run only, with nothing paired', () => {
    const added = result.models['new-model'];
    assert.ok(added);
    assert.equal(added.attacks['a#0']?.n, 0);
    assert.equal(added.attacks['a#0']?.change, null);
    assert.equal(added.attacks['a#0']?.onlyInCandidate, 1);
    assert.deepEqual(Object.keys(result.models), ['m', 'new-model']);
  });

  it('a sample that errored in the candidate is unpaired, not wrong', () => {
    const withError = [...attacked({ s0: true }), failed('s1', 'a#0', 'embed')];
    const change = compareRuns(attacked({ s0: true, s1: true }), withError).models['m']?.attacks['a#0'];
    assert.equal(change?.n, 1);
    assert.equal(change?.onlyInBaseline, 1);
    assert.equal(change?.candidate.rate, 1);
  });

  it('a large shift is significant', () => {
    const before: Record<string, boolean> = {};
    const after: Record<string, boolean> = {};
    for (let i = 0; i < 200; i++) {
      before[`s${i}`] = true;
      after[`s${i}`] = i < 150;
    }
    const change = compareRuns(attacked(before), attacked(after)).models['m']?.attacks['a#0'];
    assert.equal(change?.mcnemar.b, 50);
    assert.ok((change?.mcnemar.pValue ?? 1) < 1e-10);
  });

  it('refuses an inconsistent run', () => {
    const bad = [scored({ sampleId: 's0', trueIndex: 0, clean: [0] }), scored({ sampleId: 's0', trueIndex: 0, clean: [1], attackId: 'a#0' })];
    assert.throws(() => compareRuns(bad, []), MetricsError);
  });
});
