import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { learningRateAt, maxLogitScale, symmetricInfoNce } from '../../src/train/trainClip.js';
import { stroopTinyRecipe } from '../../src/train/trainingRecipe.js';

/** The loss written out with plain loops, as CLIP's paper gives it in pseudocode. */
function referenceLoss(images: number[][], texts: number[][], scale: number): number {
  const unit = (v: number[]) => {
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const a = images.map(unit);
  const b = texts.map(unit);
  const n = a.length;
  const logits = a.map((ai) => b.map((bj) => scale * ai.reduce((s, x, k) => s + x * (bj[k] ?? 0), 0)));
  const crossEntropy = (row: number[], target: number) => Math.log(row.reduce((s, x) => s + Math.exp(x), 0)) - (row[target] ?? 0);
  let imageToText = 0;
  let textToImage = 0;
  for (let i = 0; i < n; i++) {
    imageToText += crossEntropy(logits[i] ?? [], i);
    textToImage += crossEntropy(logits.map((row) => row[i] ?? 0), i);
  }
  return (imageToText / n + textToImage / n) / 2;
}

describe('symmetricInfoNce', () => {
  const images = [[1, 0.5, -0.2], [0.1, -1, 0.3], [0.4, 0.4, 2], [-1, 0.2, 0.1]];
  const texts = [[0.9, 0.3, 0], [0, -1.2, 0.5], [0.5, 0.1, 1.5], [0.3, 0.3, 0.3]];

  it('matches the loss written out by hand, at CLIP temperature and at the clamp', async () => {
    await tf.setBackend('cpu');
    for (const raw of [Math.log(1 / 0.07), 0, 7]) {
      const loss = symmetricInfoNce(tf.tensor2d(images), tf.tensor2d(texts), tf.scalar(raw));
      const expected = referenceLoss(images, texts, Math.exp(Math.min(raw, maxLogitScale)));
      assert.ok(Math.abs((loss.dataSync()[0] ?? NaN) - expected) < 1e-5, `raw scale ${raw}: ${loss.dataSync()[0]} vs ${expected}`);
    }
  });

  it('is log(n) when every pair looks alike, and lower when the pairs match', async () => {
    await tf.setBackend('cpu');
    const same = symmetricInfoNce(tf.ones([4, 3]), tf.ones([4, 3]), tf.scalar(2)).dataSync()[0] ?? NaN;
    assert.ok(Math.abs(same - Math.log(4)) < 1e-6);
    const matched = symmetricInfoNce(tf.eye(4), tf.eye(4), tf.scalar(Math.log(20))).dataSync()[0] ?? NaN;
    assert.ok(matched < 0.01);
  });
});

describe('learningRateAt', () => {
  const recipe = { ...stroopTinyRecipe('reading'), steps: 100, warmupSteps: 10, learningRate: 1e-3 };
  it('warms up linearly, peaks, and decays by a cosine to zero at the last step', () => {
    assert.ok(Math.abs(learningRateAt(0, recipe) - 1e-4) < 1e-12);
    assert.ok(Math.abs(learningRateAt(9, recipe) - 1e-3) < 1e-12);
    assert.ok(Math.abs(learningRateAt(10, recipe) - 1e-3) < 1e-12);
    assert.ok(Math.abs(learningRateAt(55, recipe) - 5e-4) < 1e-12);
    assert.ok(learningRateAt(100, recipe) < 1e-12);
    for (let s = 11; s < 100; s++) assert.ok(learningRateAt(s, recipe) <= learningRateAt(s - 1, recipe));
  });
});
