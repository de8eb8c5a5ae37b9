import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { encodeImages, encodeTexts } from '../../src/families/clip/clipTfjsEncoder.js';
import { initialClipWeights, trainableParams, type TrainableClip } from '../../src/train/trainableClip.js';
import { prepareTrainingBackend } from '../../src/train/prepareTrainingBackend.js';
import { symmetricInfoNce } from '../../src/train/trainClip.js';
import type { WeightMap } from '../../src/model/weightMap.js';
import { tinyTrainingConfig as config } from './tinyTrainingConfig.js';

const pairs = 8;
let state = 7;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const pixels = Float32Array.from({ length: pairs * 3 * 16 * 16 }, () => random() * 4 - 2);
const inputIds = new Int32Array(pairs * 8);
const pooled = new Int32Array(pairs).fill(4);
for (let r = 0; r < pairs; r++) {
  inputIds[r * 8] = 48;
  for (let t = 1; t < 4; t++) inputIds[r * 8 + t] = 1 + Math.floor(random() * 40);
  inputIds[r * 8 + 4] = 49;
}

const loss = (model: TrainableClip) => () =>
  symmetricInfoNce(
    encodeImages(pixels, pairs, model.vision, config.vision),
    encodeTexts(inputIds, pairs, pooled, model.text, config.text),
    model.logitScale as tf.Tensor as tf.Scalar,
  );

function train(weights: WeightMap, steps: number): { first: number; last: number } {
  const model = trainableParams(weights, config);
  const optimizer = tf.train.adam(1e-2);
  let first = NaN;
  let last = NaN;
  for (let step = 0; step < steps; step++) {
    const cost = optimizer.minimize(loss(model), true, [...model.variables]);
    last = cost?.dataSync()[0] ?? NaN;
    if (step === 0) first = last;
    cost?.dispose();
  }
  tf.dispose([...model.variables]);
  optimizer.dispose();
  return { first, last };
}

describe('training the CLIP encoders on the training backend', () => {
  let backend = '';
  before(async () => {
    backend = await prepareTrainingBackend('cpu');
  });

  it('gives every weight a gradient that agrees with a finite difference', () => {
    const model = trainableParams(initialClipWeights(config, 3), config);
    const { grads } = tf.variableGrads(loss(model), [...model.variables]);
    for (const variable of model.variables) {
      const norm = tf.norm(grads[variable.name] ?? tf.zeros([1])).dataSync()[0] ?? 0;
      assert.ok(norm > 0 && Number.isFinite(norm), `${backend}: no gradient for ${variable.name}`);
    }
    // Central differences on a few single weights of the image tower (float32, so a loose tolerance).
    for (const [name, index] of [['vision.projection', 0], ['vision.blocks.1.fc2Weight', 17], ['vision.positionEmbedding', 40], ['vision.patchWeight', 5], ['vision.patchWeight', 300], ['vision.blocks.0.qkvWeight', 9], ['vision.blocks.0.qkvWeight', 300], ['text.blocks.0.qkvWeight', 3]] as const) {
      const variable = model.variables.find((v) => v.name === name);
      assert.ok(variable !== undefined, name);
      const values = variable.dataSync().slice();
      const at = (delta: number) => {
        const moved = values.slice();
        moved[index] = (moved[index] ?? 0) + delta;
        variable.assign(tf.tensor(moved, variable.shape));
        return tf.tidy(() => loss(model)().dataSync()[0] ?? NaN);
      };
      const eps = 1e-2;
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      variable.assign(tf.tensor(values, variable.shape));
      const analytic = grads[name]?.dataSync()[index] ?? NaN;
      assert.ok(Math.abs(numeric - analytic) <= 0.05 * Math.abs(analytic) + 2e-4, `${name}[${index}]: numeric ${numeric}, analytic ${analytic}`);
    }
    tf.dispose([...model.variables, ...Object.values(grads)]);
  });

  it("learns to pair 8 random images with 8 random captions from CLIP's initialisation", () => {
    const { first, last } = train(initialClipWeights(config, 3), 60);
    assert.ok(first > 0.8 * Math.log(pairs), `starts near chance (${first})`);
    assert.ok(last < 0.1, `${backend}: loss after 60 steps ${last}`);
  });

  it('does not leak tensors per step', () => {
    const model = trainableParams(initialClipWeights(config, 3), config);
    const optimizer = tf.train.adam(1e-3);
    const step = () => optimizer.minimize(loss(model), false, [...model.variables]);
    step();
    const before = tf.memory().numTensors;
    step();
    step();
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([...model.variables]);
    optimizer.dispose();
  });
});
