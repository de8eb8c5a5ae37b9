import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsError } from '../../src/metrics/MetricsError.js';
import { summarizeOutcomes } from '../../src/metrics/summarizeOutcomes.js';
import { scored } from './outcomeBuilders.js';

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
