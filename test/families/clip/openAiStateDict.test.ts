import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ModelLoadError } from '../../../src/errors/errors.js';
import { readClipConfig, type ClipConfig } from '../../../src/families/clip/clipConfig.js';
import { convertOpenAiStateDict } from '../../../src/families/clip/openAiStateDict.js';
import { readSafetensors } from '../../../src/model/readSafetensors.js';
import type { WeightTensor } from '../../../src/model/weightMap.js';
import { fixturePath } from '../../helpers/paths.js';

function fixture(name: string, file: string): { config: ClipConfig; tensors: ReadonlyMap<string, WeightTensor> } {
  const config = readClipConfig(JSON.parse(readFileSync(fixturePath(name, 'config.json'), 'utf8')), name);
  const path = fixturePath(name, file);
  return { config, tensors: readSafetensors(new Uint8Array(readFileSync(path)), path).tensors };
}

describe('convertOpenAiStateDict', () => {
  const { config, tensors: openAi } = fixture('clip-tiny', 'openai_state_dict.safetensors');
  const converted = convertOpenAiStateDict(openAi, config, 'openai_state_dict.safetensors');

  it('splits in_proj_weight / in_proj_bias into q, k, v row blocks', () => {
    const fused = openAi.get('visual.transformer.resblocks.1.attn.in_proj_weight')!; // [192, 64]
    const width = 64;
    ['q', 'k', 'v'].forEach((block, index) => {
      const weight = converted.get(`vision_model.encoder.layers.1.self_attn.${block}_proj.weight`)!;
      assert.deepEqual(weight.shape, [width, width]);
      // Row 5, column 7 of the block is row 64 * index + 5 of the fused matrix.
      assert.equal(weight.data[5 * width + 7], fused.data[(index * width + 5) * width + 7]);
      const bias = converted.get(`text_model.encoder.layers.0.self_attn.${block}_proj.bias`)!;
      assert.equal(bias.data[3], openAi.get('transformer.resblocks.0.attn.in_proj_bias')!.data[index * width + 3]);
    });
  });

  it('transposes text_projection and visual.proj to [projectionDim, width]', () => {
    const proj = openAi.get('visual.proj')!; // [64, 32]
    const visual = converted.get('visual_projection.weight')!;
    assert.deepEqual(visual.shape, [32, 64]);
    assert.equal(visual.data[2 * 64 + 9], proj.data[9 * 32 + 2]);
    assert.deepEqual(converted.get('text_projection.weight')!.shape, [32, 64]);
  });

  it('renames the rest without changing values', () => {
    const pairs = [
      ['vision_model.pre_layrnorm.weight', 'visual.ln_pre.weight'],
      ['vision_model.post_layernorm.bias', 'visual.ln_post.bias'],
      ['text_model.final_layer_norm.weight', 'ln_final.weight'],
      ['text_model.encoder.layers.1.mlp.fc1.weight', 'transformer.resblocks.1.mlp.c_fc.weight'],
      ['vision_model.encoder.layers.0.mlp.fc2.bias', 'visual.transformer.resblocks.0.mlp.c_proj.bias'],
      ['vision_model.encoder.layers.0.layer_norm2.weight', 'visual.transformer.resblocks.0.ln_2.weight'],
      ['vision_model.embeddings.patch_embedding.weight', 'visual.conv1.weight'],
      ['vision_model.embeddings.class_embedding', 'visual.class_embedding'],
      ['text_model.embeddings.position_embedding.weight', 'positional_embedding'],
      ['logit_scale', 'logit_scale'],
    ];
    for (const [hf, oa] of pairs) assert.deepEqual(converted.get(hf!), openAi.get(oa!), hf);
  });

  it('names missing OpenAI tensors with their expected shapes', () => {
    const partial = new Map(openAi);
    partial.delete('visual.proj');
    partial.delete('transformer.resblocks.1.attn.in_proj_weight');
    assert.throws(() => convertOpenAiStateDict(partial, config, 'oa.safetensors'), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError);
      assert.match(error.message, /2 tensors are missing from oa\.safetensors/);
      assert.match(error.message, /'transformer\.resblocks\.1\.attn\.in_proj_weight' \(expected shape \[192, 64\]\)/);
      assert.match(error.message, /'visual\.proj' \(expected shape \[64, 32\]\)/);
      return true;
    });
  });

  it('names a misshapen OpenAI tensor with expected and found shapes', () => {
    const bad = new Map(openAi);
    bad.set('text_projection', { shape: [32, 64], data: new Float32Array(32 * 64) }); // not transposed
    assert.throws(
      () => convertOpenAiStateDict(bad, config, 'oa.safetensors'),
      /Tensor 'text_projection' in oa\.safetensors has shape \[32, 64\], expected \[64, 32\]/,
    );
  });

  it('refuses ResNet CLIPs', () => {
    const resnet = new Map([['visual.layer1.0.conv1.weight', { shape: [1], data: new Float32Array(1) }]]);
    assert.throws(() => convertOpenAiStateDict(resnet, config, 'rn50.safetensors'), /ResNet CLIP.*only ViT/);
  });
});
