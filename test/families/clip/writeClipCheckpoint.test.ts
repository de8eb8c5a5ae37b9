import { expectedClipWeightShapes } from '../../../src/families/clip/clipConfig.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ClipConfig } from '../../../src/families/clip/clipConfig.js';
import { randomClipWeights } from '../../../src/families/clip/clipWeights.js';
import { loadClipTokenizer } from '../../../src/families/clip/tokenizer/ClipTokenizer.js';
import { clipArchitectures, clipPreprocessorFor, writeClipCheckpoint } from '../../../src/families/clip/writeClipCheckpoint.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { fixturePath } from '../../helpers/paths.js';
import { runCli } from '../../helpers/runCli.js';

describe('writeClipCheckpoint', () => {
  it('writes a directory that loads back to the same config, preprocessing and weights', async () => {
    const source = await loadModel(fixturePath('clip-tiny-p16'));
    assert.equal(source.config.family, 'clip');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-ckpt-'));
    await writeClipCheckpoint(out, source.config, source.preprocessor, source.weights);
    const copy = await loadModel(out);
    assert.deepEqual(copy.config, source.config);
    assert.deepEqual(copy.preprocessor, source.preprocessor);
    assert.deepEqual([...copy.weights.keys()].sort(), [...source.weights.keys()].sort());
    for (const [name, tensor] of source.weights) assert.deepEqual(copy.weights.get(name)?.data, tensor.data, name);
    const tokenizer = await loadClipTokenizer(out);
    assert.equal(tokenizer.vocabSize, 49408);
    assert.equal(fs.readdirSync(out).filter((f) => f.endsWith('.tmp')).length, 0);
  });

  it('random weights are seeded: same seed same values, other seed other values, shapes as expected', () => {
    const config = tinyArchitecture().config;
    const a = randomClipWeights(config, 1);
    const b = randomClipWeights(config, 1);
    const c = randomClipWeights(config, 2);
    const name = 'vision_model.encoder.layers.0.mlp.fc1.weight';
    assert.deepEqual(a.get(name)?.data, b.get(name)?.data);
    assert.notDeepEqual(a.get(name)?.data, c.get(name)?.data);
    for (const [n, shape] of expectedClipWeightShapes(config)) assert.deepEqual(a.get(n)?.shape, shape, n);
    assert.ok(a.get('vision_model.post_layernorm.weight')?.data.every((v) => v === 1));
    assert.ok(a.get('text_model.final_layer_norm.bias')?.data.every((v) => v === 0));
  });

  it('knows the released ViT architectures, with OpenAI preprocessing at their resolution', () => {
    const b32 = clipArchitectures['vit-b-32'];
    assert.equal(b32?.vision.patchSize, 32);
    assert.equal(clipArchitectures['vit-l-14']?.projectionDim, 768);
    assert.equal(clipPreprocessorFor(b32).cropHeight, 224);
  });
});

/** A small architecture for the seeded-weights test (ViT-B/32's layout, shrunk). */
function tinyArchitecture(): { config: ClipConfig } {
  const base = clipArchitectures['vit-b-32']!;
  return {
    config: {
      ...base,
      family: 'clip',
      projectionDim: 16,
      vision: { ...base.vision, hiddenSize: 64, intermediateSize: 128, numAttentionHeads: 2, numHiddenLayers: 1 },
      text: { ...base.text, hiddenSize: 32, intermediateSize: 64, numAttentionHeads: 2, numHiddenLayers: 1, vocabSize: 600, bosTokenId: 598, eosTokenId: 599 },
    },
  };
}

describe('stroop init', () => {
  it('refuses a non-empty --out and an unknown --config with exit 2', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-init-'));
    fs.writeFileSync(path.join(out, 'keep.txt'), 'x');
    const busy = await runCli(['init', '--config', 'vit-b-32', '--out', out]);
    assert.equal(busy.code, 2);
    assert.match(busy.stderr, /not empty/);
    assert.equal(fs.readdirSync(out).length, 1);
    const unknown = await runCli(['init', '--config', 'vit-z-99', '--out', path.join(out, 'new')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /vit-b-32/);
  });
});
