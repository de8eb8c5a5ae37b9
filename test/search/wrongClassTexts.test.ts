import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wrongClassTexts } from '../../src/search/findMinimalAttack.js';
import { classifyZeroShot } from '../../src/zeroshot/zeroShotClassification.js';

const classes = ['apple', 'pear', 'plum', 'fig', 'kiwi'];

/** The full ranking of one image whose cosine with class i is `scores[i]` (one-hot class embeddings). */
function rankingOf(scores: readonly number[]) {
  const classEmbeddings = { rows: classes.length, dim: classes.length, data: Float32Array.from(classes.flatMap((_, r) => classes.map((__, c) => (r === c ? 1 : 0)))) };
  return classifyZeroShot({ rows: 1, dim: classes.length, data: Float32Array.from(scores) }, classEmbeddings, classes, { kind: 'softmax', logitScale: 100 }, classes.length)[0]!.topK;
}

describe('wrongClassTexts', () => {
  it('lists every class but the true and the predicted one, the nearest first', () => {
    // Predicted pear (index 1), true apple (0).
    assert.deepEqual(wrongClassTexts(rankingOf([2, 5, 1, 4, 1]), 0), ['fig', 'plum', 'kiwi']);
    assert.deepEqual(wrongClassTexts(rankingOf([2, 5, 1, 4, 1]), 0, 2), ['fig', 'plum']);
  });
  it('when the prediction is right, only the true class is left out', () => {
    assert.deepEqual(wrongClassTexts(rankingOf([9, 5, 1, 4, 1]), 0), ['pear', 'fig', 'plum', 'kiwi']);
  });
});
