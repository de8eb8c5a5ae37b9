import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { expectedClipWeightShapes } from '../../src/model/expectedClipWeightShapes.js';
import { readClipConfig } from '../../src/model/readClipConfig.js';
import { fixturePath, modelFixtures } from '../helpers/paths.js';

/** Name -> shape from a safetensors header, parsed here without the code under test. */
function headerShapes(file: string): Map<string, number[]> {
  const bytes = readFileSync(file);
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8')) as Record<string, { shape: number[] }>;
  delete header['__metadata__'];
  return new Map(Object.entries(header).map(([name, entry]) => [name, entry.shape]));
}

describe('expectedClipWeightShapes', () => {
  for (const fixture of modelFixtures) {
    it(`lists exactly the tensors of ${fixture}/model.safetensors, with their shapes`, () => {
      const config = readClipConfig(JSON.parse(readFileSync(fixturePath(fixture, 'config.json'), 'utf8')), fixture);
      const expected = expectedClipWeightShapes(config);
      const actual = headerShapes(fixturePath(fixture, 'model.safetensors'));
      assert.deepEqual([...expected.keys()].sort(), [...actual.keys()].sort());
      for (const [name, shape] of expected) assert.deepEqual(shape, actual.get(name), name);
    });
  }

  it('gives ViT-B/32 its well-known shapes', () => {
    const shapes = expectedClipWeightShapes(readClipConfig({}, 'defaults'));
    assert.deepEqual(shapes.get('vision_model.embeddings.position_embedding.weight'), [50, 768]);
    assert.deepEqual(shapes.get('vision_model.embeddings.patch_embedding.weight'), [768, 3, 32, 32]);
    assert.deepEqual(shapes.get('text_model.embeddings.token_embedding.weight'), [49408, 512]);
    assert.deepEqual(shapes.get('visual_projection.weight'), [512, 768]);
    assert.deepEqual(shapes.get('text_projection.weight'), [512, 512]);
    assert.deepEqual(shapes.get('vision_model.encoder.layers.11.mlp.fc1.weight'), [3072, 768]);
    assert.deepEqual(shapes.get('logit_scale'), []);
    // 16 tensors per layer, 12 + 12 layers, 4 text + 7 vision + 3 shared others.
    assert.equal(shapes.size, 16 * 24 + 4 + 7 + 3);
    assert.equal(shapes.has('vision_model.pre_layrnorm.weight'), true);
  });
});
