import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors/errors.js';
import { compareRuns } from '../../src/metrics/runComparison.js';
import { pairedOutcomes, parseModelPairs, selectPairedModels } from '../../src/reports/compare/compareSummaries.js';
import { scored } from '../metrics/outcomeBuilders.js';
import { summaryOf } from './summaryFixture.js';

/** One run with three entries of a model: fp32 right on both samples, q8 wrong on s1, fp16 right. */
const rows = [
  ...['s0', 's1'].map((sampleId) => scored({ sampleId, trueIndex: 0, clean: [0, 1], model: 'fp32' })),
  scored({ sampleId: 's0', trueIndex: 0, clean: [0, 1], model: 'q8' }),
  scored({ sampleId: 's1', trueIndex: 0, clean: [1, 0], model: 'q8' }),
  ...['s0', 's1'].map((sampleId) => scored({ sampleId, trueIndex: 0, clean: [0, 1], model: 'fp16' })),
];

describe('--pair', () => {
  it('reads <baseline id>=<candidate id>, labels a pair of two ids "a vs b" and one of the same id by that id', () => {
    assert.deepEqual(parseModelPairs(['fp32=q8', 'tiny=tiny']), [
      { baseline: 'fp32', candidate: 'q8', label: 'fp32 vs q8' },
      { baseline: 'tiny', candidate: 'tiny', label: 'tiny' },
    ]);
  });

  it('refuses a value without one "=", an empty id and a pair given twice, naming --pair', () => {
    for (const [values, message] of [
      [['fp32'], /--pair takes <baseline model id>=<candidate model id>.*got 'fp32'/],
      [['a=b=c'], /got 'a=b=c'/],
      [['=q8'], /got '=q8'/],
      [['fp32=q8', 'fp32=q8'], /gives fp32=q8 twice/],
    ] as const) {
      assert.throws(() => parseModelPairs(values), (error: unknown) => error instanceof UsageError && message.test(error.message) && error.message.includes('--pair'));
    }
  });

  it('compares each pair under its label, one model in two pairs, from the rows of one run', () => {
    const pairs = parseModelPairs(['fp32=q8', 'fp32=fp16']);
    const result = compareRuns(pairedOutcomes(rows, pairs, 'baseline'), pairedOutcomes(rows, pairs, 'candidate'));
    assert.deepEqual(Object.keys(result.models), ['fp32 vs fp16', 'fp32 vs q8']);
    assert.deepEqual([result.models['fp32 vs q8']?.clean.agreement.successes, result.models['fp32 vs q8']?.clean.n], [1, 2]);
    assert.deepEqual([result.models['fp32 vs fp16']?.clean.agreement.successes, result.models['fp32 vs fp16']?.clean.n], [2, 2]);
  });

  it('narrows a summary to the paired models under their labels, and names the ids a run has when one is missing', () => {
    const summary = summaryOf(rows);
    const pairs = parseModelPairs(['fp32=q8']);
    const candidate = selectPairedModels(summary, pairs, 'candidate', 'run/summary.json');
    assert.deepEqual(Object.keys(candidate.metrics.models), ['fp32 vs q8']);
    assert.deepEqual(Object.keys(candidate.models), ['fp32 vs q8']);
    assert.equal(candidate.metrics.models['fp32 vs q8'], summary.metrics.models['q8']);
    assert.throws(
      () => selectPairedModels(summary, parseModelPairs(['fp32=int4']), 'candidate', 'run/summary.json'),
      (error: unknown) => error instanceof UsageError && /the candidate run\/summary\.json has no model 'int4'; its models are 'fp16', 'fp32', 'q8'/.test(error.message),
    );
  });
});
