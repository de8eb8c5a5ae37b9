import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseTexts, type ConfusionRanking } from '../../src/attacks/textChoice.js';
import { AttackError } from '../../src/errors/errors.js';

const classes = ['apple', 'iPod', 'toaster', 'Granny Smith', 'pear'];
const context = { label: 'apple', classes, seed: 1 };

describe('chooseTexts', () => {
  it('fixed text ignores the classes', () => {
    assert.deepEqual(chooseTexts({ strategy: 'fixed', text: 'iPod' }, { label: 'x', classes: [], seed: 0 }), ['iPod']);
  });

  it('random wrong class: never the true class, seeded, and reaches every wrong class', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const [text] = chooseTexts({ strategy: 'randomWrongClass' }, { ...context, seed });
      assert.ok(text !== undefined && text !== 'apple' && classes.includes(text));
      assert.deepEqual(chooseTexts({ strategy: 'randomWrongClass' }, { ...context, seed }), [text]);
      seen.add(text);
    }
    assert.deepEqual([...seen].sort(), ['Granny Smith', 'iPod', 'pear', 'toaster']);
  });

  it('every wrong class, in class-list order', () => {
    assert.deepEqual(chooseTexts({ strategy: 'everyWrongClass' }, context), ['iPod', 'toaster', 'Granny Smith', 'pear']);
  });

  it('a supplied list: each item, or one drawn from the seed', () => {
    assert.deepEqual(chooseTexts({ strategy: 'list', items: ['a', 'b'], pick: 'each' }, context), ['a', 'b']);
    const picks = new Set(Array.from({ length: 50 }, (_v, seed) => chooseTexts({ strategy: 'list', items: ['a', 'b'], pick: 'random' }, { ...context, seed })[0]));
    assert.deepEqual([...picks].sort(), ['a', 'b']);
  });

  it('most confusable: the wrong classes the supplied ranking scores highest, ties in list order', () => {
    const calls: Array<[string, readonly string[]]> = [];
    const bySharedLetters: ConfusionRanking = (truth, candidates) => {
      calls.push([truth, candidates]);
      return candidates.map((c) => [...new Set(c.toLowerCase())].filter((ch) => truth.includes(ch)).length);
    };
    // apple shares a,p,l,e: pear 3 (p,e,a), Granny Smith 1 (a), iPod 1 (p), toaster 2 (a,e).
    assert.deepEqual(chooseTexts({ strategy: 'mostConfusable', count: 2 }, { ...context, ranking: bySharedLetters }), ['pear', 'toaster']);
    assert.deepEqual(chooseTexts({ strategy: 'mostConfusable', count: 4 }, { ...context, ranking: bySharedLetters }), ['pear', 'toaster', 'iPod', 'Granny Smith']);
    assert.deepEqual(calls[0], ['apple', ['iPod', 'toaster', 'Granny Smith', 'pear']]);
  });

  it('fails clearly when there is nothing to choose from', () => {
    const fails = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: unknown) => e instanceof AttackError && pattern.test(e.message));
    fails(() => chooseTexts({ strategy: 'randomWrongClass' }, { label: 'cat', classes, seed: 0 }), /True class 'cat' is not one of the 5 classes/);
    fails(() => chooseTexts({ strategy: 'everyWrongClass' }, { label: 'apple', classes: ['apple'], seed: 0 }), /give at least 2 classes/);
    fails(() => chooseTexts({ strategy: 'mostConfusable', count: 1 }, context), /needs a ranking function/);
    fails(() => chooseTexts({ strategy: 'mostConfusable', count: 1 }, { ...context, ranking: () => [1] }), /returned 1 scores for 4 wrong classes/);
  });
});
