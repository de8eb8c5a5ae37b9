import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createRng } from '../../src/attacks/createRng.js';
import { applyLetterCase, balanceWords, perturbSpelling, wrapToWidth } from '../../src/attacks/attackText.js';

const always = (): boolean => true;
const sorted = (s: string): string => Array.from(s).sort().join('');
const diffPositions = (a: string, b: string): number => Array.from(a).filter((c, i) => Array.from(b)[i] !== c).length;

describe('applyLetterCase', () => {
  it('changes case without locale rules', () => {
    assert.equal(applyLetterCase('great white shark', 'upper'), 'GREAT WHITE SHARK');
    assert.equal(applyLetterCase('iPod', 'lower'), 'ipod');
    assert.equal(applyLetterCase('great WHITE shark-fish', 'title'), 'Great White Shark-Fish');
    assert.equal(applyLetterCase('iPod', 'asIs'), 'iPod');
    assert.equal(applyLetterCase('istanbul', 'upper'), 'ISTANBUL', 'no Turkish dotted capital I');
  });
});

describe('perturbSpelling', () => {
  const rng = () => createRng(5, 'perturbation');

  it('swaps adjacent letters: same letters, at most 2*count positions moved', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{2,12}$/), fc.integer({ min: 1, max: 3 }), fc.integer(), (word, count, seed) => {
        const out = perturbSpelling(word, { kind: 'swap', count }, createRng(seed, 'p'), always);
        assert.equal(sorted(out), sorted(word));
        assert.ok(diffPositions(word, out) <= 2 * count);
      }),
    );
  });

  it('leetspeak replaces at most count letters with digits', () => {
    const out = perturbSpelling('toaster', { kind: 'leet', count: 2 }, rng(), always);
    assert.equal(diffPositions('toaster', out), 2);
    assert.match(out, /^[toaster0-9]{7}$/);
    assert.equal(perturbSpelling('toaster', { kind: 'leet', count: 20 }, rng(), always), '704573r', 'every mapped letter');
  });

  it('homoglyphs look the same but differ in code points, and only where the font has the glyph', () => {
    const out = perturbSpelling('apple', { kind: 'homoglyph', count: 5 }, rng(), always);
    assert.equal(out, '\u0430\u0440\u0440l\u0435', 'a, p, p, e become Cyrillic; l has no look-alike');
    assert.equal(perturbSpelling('apple', { kind: 'homoglyph', count: 5 }, rng(), () => false), 'apple');
  });

  it('is deterministic for a seed and a no-op for count 0 or kind none', () => {
    const a = perturbSpelling('great white shark', { kind: 'swap', count: 2 }, rng(), always);
    assert.equal(perturbSpelling('great white shark', { kind: 'swap', count: 2 }, rng(), always), a);
    assert.equal(perturbSpelling('iPod', { kind: 'leet', count: 0 }, rng(), always), 'iPod');
    assert.equal(perturbSpelling('iPod', { kind: 'none', count: 3 }, rng(), always), 'iPod');
  });
});

describe('balanceWords', () => {
  it('puts multi-word names on balanced lines', () => {
    assert.deepEqual(balanceWords(['great', 'white', 'shark'], 2), ['great', 'white shark']);
    assert.deepEqual(balanceWords(['Granny', 'Smith'], 2), ['Granny', 'Smith']);
    assert.deepEqual(balanceWords(['iPod'], 2), ['iPod']);
    assert.deepEqual(balanceWords(['a', 'bb', 'ccc', 'dddd'], 1), ['a bb ccc dddd']);
    assert.deepEqual(balanceWords(['aaaaaaaa', 'b', 'c', 'd'], 2), ['aaaaaaaa', 'b c d']);
  });

  it('never loses or reorders words and respects maxLines', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (words, maxLines) => {
        const lines = balanceWords(words, maxLines);
        assert.equal(lines.join(' '), words.join(' '));
        assert.ok(lines.length <= maxLines);
      }),
    );
  });
});

describe('wrapToWidth', () => {
  it('fills lines greedily by measured width', () => {
    const chars = (line: string): number => line.length;
    assert.deepEqual(wrapToWidth('the quick brown fox jumps', 10, chars), ['the quick', 'brown fox', 'jumps']);
    assert.deepEqual(wrapToWidth('supercalifragilistic', 5, chars), ['supercalifragilistic']);
    assert.deepEqual(wrapToWidth('', 5, chars), ['']);
  });
});
