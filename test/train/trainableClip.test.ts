import { expectedClipWeightShapes } from '../../src/families/clip/clipConfig.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import { disposeClipParams, uploadClipParams } from '../../src/families/clip/clipTfjsEncoder.js';
import { randomClipWeights } from '../../src/families/clip/clipWeights.js';
import { clipParamsToWeights, initialClipWeights } from '../../src/train/trainableClip.js';
import { stroopTinyRecipe } from '../../src/train/trainingRecipe.js';
import { tinyTrainingConfig } from './tinyTrainingConfig.js';

const std = (data: Float32Array) => {
  const mean = data.reduce((s, x) => s + x, 0) / data.length;
  return Math.sqrt(data.reduce((s, x) => s + (x - mean) ** 2, 0) / data.length);
};

describe('initialClipWeights', () => {
  const config = stroopTinyRecipe('reading').architecture;
  const weights = initialClipWeights(config, 1);

  it('has every weight of the architecture with its shape', () => {
    const shapes = expectedClipWeightShapes(config);
    assert.deepEqual([...weights.keys()].sort(), [...shapes.keys()].sort());
    for (const [name, shape] of shapes) assert.deepEqual(weights.get(name)?.shape, shape, name);
  });

  it("scales each weight as OpenAI's CLIP.initialize_parameters does", () => {
    const width = config.vision.hiddenSize;
    const layers = config.vision.numHiddenLayers;
    const expected: Record<string, number> = {
      'vision_model.encoder.layers.0.self_attn.q_proj.weight': width ** -0.5,
      'vision_model.encoder.layers.0.self_attn.out_proj.weight': width ** -0.5 * (2 * layers) ** -0.5,
      'vision_model.encoder.layers.0.mlp.fc1.weight': (2 * width) ** -0.5,
      'vision_model.encoder.layers.0.mlp.fc2.weight': width ** -0.5 * (2 * layers) ** -0.5,
      'vision_model.embeddings.position_embedding.weight': width ** -0.5,
      'text_model.embeddings.token_embedding.weight': 0.02,
      'text_model.embeddings.position_embedding.weight': 0.01,
      'text_projection.weight': config.text.hiddenSize ** -0.5,
      // PyTorch's Conv2d default: uniform in +-1/sqrt(fan_in), whose std is that bound / sqrt(3).
      'vision_model.embeddings.patch_embedding.weight': (3 * 16 * 16) ** -0.5 / Math.sqrt(3),
    };
    for (const [name, target] of Object.entries(expected)) {
      const data = weights.get(name)?.data ?? new Float32Array();
      assert.ok(Math.abs(std(data) / target - 1) < 0.08, `${name}: std ${std(data)} vs ${target}`);
    }
    assert.ok(weights.get('vision_model.pre_layrnorm.weight')?.data.every((x) => x === 1));
    assert.ok(weights.get('text_model.encoder.layers.1.mlp.fc1.bias')?.data.every((x) => x === 0));
    assert.equal(weights.get('logit_scale')?.data[0], Math.fround(config.logitScaleInitValue));
  });

  it('is a function of the seed', () => {
    const name = 'vision_model.encoder.layers.2.mlp.fc1.weight';
    assert.deepEqual(initialClipWeights(config, 1).get(name)?.data, weights.get(name)?.data);
    assert.notDeepEqual(initialClipWeights(config, 2).get(name)?.data, weights.get(name)?.data);
  });
});

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
