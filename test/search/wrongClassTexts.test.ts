import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wrongClassTexts } from '../../src/search/wrongClassTexts.js';

describe('wrongClassTexts', () => {
  const classes = ['apple', 'pear', 'plum', 'fig', 'kiwi'];
  it('lists every class but the true and the predicted one, the nearest first', () => {
    // Predicted pear (index 1), true apple (0).
    assert.deepEqual(wrongClassTexts(classes, [2, 5, 1, 4, 1], 0), ['fig', 'plum', 'kiwi']);
    assert.deepEqual(wrongClassTexts(classes, [2, 5, 1, 4, 1], 0, 2), ['fig', 'plum']);
  });
  it('when the prediction is right, only the true class is left out', () => {
    assert.deepEqual(wrongClassTexts(classes, [9, 5, 1, 4, 1], 0), ['pear', 'fig', 'plum', 'kiwi']);
  });
  it('refuses scores that do not match the classes', () => {
    assert.throws(() => wrongClassTexts(classes, [1, 2], 0), /2 scores for 5 classes/);
  });
});
