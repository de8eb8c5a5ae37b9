import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateSearchGates, summarizeSearch } from '../../src/search/summarizeSearch.js';
import { searchCoverage } from '../../src/search/searchCoverage.js';
import type { Outcome } from '../../src/results/outcome.js';
import { errorRecord, flippedRecord, heldRecord } from './searchRecords.js';

const records = [
  flippedRecord('m', 'd/a.png', 'apple', 20, { margins: { size: { kind: 'threshold', flipping: 0.12, holding: 0.115, tolerance: 0.005, fontSizePx: 12, steps: 7 } } }),
  flippedRecord('m', 'd/b.png', 'apple', 8, { targeted: false, margins: { size: { kind: 'flipsAtWeakest', flipping: 0.01, fontSizePx: 1, steps: 2 } } }),
  heldRecord('m', 'd/c.png', 'pear'),
  errorRecord('m', 'd/d.png', 'kiwi'),
  flippedRecord('n', 'd/a.png', 'apple', 30),
];

describe('summarizeSearch', () => {
  it('counts per model and class, takes the smallest known flipping font, and summarises margins', () => {
    const s = summarizeSearch(records, ['size']);
    assert.equal(s.images, 5);
    const m = s.models['m'];
    assert.ok(m !== undefined);
    assert.deepEqual([m.images, m.searched, m.errors, m.flipRate.successes, m.flipRate.n, m.targeted], [4, 3, 1, 2, 3, 1]);
    assert.deepEqual(m.errorStages, { label: 1 });
    // a.png: size margin 12 px < minimal 20 px; b.png: flips at 1 px.
    assert.deepEqual([m.flipFontFraction.min, m.flipFontFraction.max], [0.01, 0.12]);
    assert.deepEqual(m.margins['size'], { threshold: { n: 1, min: 0.12, q25: 0.12, median: 0.12, q75: 0.12, max: 0.12, mean: 0.12 }, flipsAtWeakest: 1, notApplicable: 0, overBudget: 0 });
    assert.deepEqual(Object.keys(m.byClass), ['apple', 'pear'], 'errors are not searched images');
    assert.equal(m.byClass['apple']?.flipRate.rate, 1);
    assert.equal(m.heldRuns.median, 100);
    assert.equal(m.modelCalls.mean, 20);
    assert.equal(s.models['n']?.flipRate.rate, 1);
  });

  it('is the same whatever order the records come in', () => {
    assert.deepEqual(JSON.stringify(summarizeSearch([...records].reverse(), ['size'])), JSON.stringify(summarizeSearch(records, ['size'])));
  });
});

describe('evaluateSearchGates', () => {
  it('breaches minFlipFontFraction with the image that flips at the smallest font as the counterexample', () => {
    const summary = summarizeSearch(records, ['size']);
    const gates = evaluateSearchGates(summary, records, { minFlipFontFraction: 0.1, maxFlipRate: 0.9 });
    const font = gates.find((g) => g.model === 'm' && g.gate === 'minFlipFontFraction');
    assert.equal(font?.passed, false);
    assert.equal(font?.actual, 0.01);
    assert.equal(font?.counterexample?.sampleId, 'd/b.png');
    const rate = gates.find((g) => g.model === 'm' && g.gate === 'maxFlipRate');
    assert.deepEqual([rate?.actual, rate?.passed], [2 / 3, true]);
    const other = gates.find((g) => g.model === 'n' && g.gate === 'minFlipFontFraction');
    assert.deepEqual([other?.actual, other?.passed], [0.3, true]);
    assert.deepEqual(evaluateSearchGates(summary, records, undefined), []);
  });
});

describe('searchCoverage', () => {
  const scored = (sampleId: string, attackId: string, clean: number, attacked: number, targetIndex: number | null): Outcome => ({
    kind: 'scored', sampleId, model: 'm', attackId, variant: '0', trueLabel: 'apple', trueIndex: 0, attackText: 'pear', targetIndex, specHash: null, renderHash: null, params: {},
    clean: [{ index: clean, label: 'x', probability: 1 }], attacked: [{ index: attacked, label: 'y', probability: 1 }],
  });
  const outcomes = [scored('d/a.png', 'p', 0, 1, 1), scored('d/c.png', 'p', 0, 2, 1), scored('d/b.png', 'p', 0, 0, 1), scored('d/z.png', 'p', 0, 1, 1), scored('d/a.png', 'clean', 0, 0, null)];
  it('of the images an attack flipped (and that were searched), the share the search found', () => {
    const c = searchCoverage(outcomes, records, 'flip');
    assert.deepEqual(c['m']?.['p'], { flippedByAttack: 2, found: c['m']?.['p']?.found, missed: ['d/c.png'] });
    assert.equal(c['m']?.['p']?.found.successes, 1);
  });
  it('targeted: only the images the attack turned into the written word count', () => {
    const c = searchCoverage(outcomes, records, 'targeted');
    assert.equal(c['m']?.['p']?.flippedByAttack, 1);
    assert.deepEqual(c['m']?.['p']?.missed, []);
  });
});
