import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import { disposeClipParams, uploadClipParams } from '../../src/families/clip/tfjs/uploadClipParams.js';
import { randomClipWeights } from '../../src/model/randomWeights.js';
import { clipParamsToWeights } from '../../src/train/clipParamsToWeights.js';
import { tinyTrainingConfig } from './tinyTrainingConfig.js';

describe('clipParamsToWeights', () => {
  it('inverts uploadClipParams exactly: every Hugging Face weight comes back with its shape and values', () => {
    const weights = randomClipWeights(tinyTrainingConfig, 5);
    const params = uploadClipParams(weights, tinyTrainingConfig);
    const back = clipParamsToWeights(params.vision, params.text, params.logitScale, tinyTrainingConfig);
    disposeClipParams(params);
    assert.deepEqual([...back.keys()].sort(), [...weights.keys()].sort());
    for (const [name, tensor] of weights) {
      const returned = back.get(name);
      assert.ok(returned !== undefined, name);
      assert.deepEqual(returned.shape, tensor.shape, name);
      assert.deepEqual(returned.data, tensor.data, name);
    }
  });
});
