import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ModelLoadError } from '../../src/errors/errors.js';
import { filesForEngine } from '../../src/hub/filesForEngine.js';
import { fixturePath } from '../helpers/paths.js';

const shared = ['config.json', 'preprocessor_config.json', 'vocab.json', 'merges.txt'];
const tokenizerExtras = ['tokenizer_config.json', 'special_tokens_map.json'];
// openai/clip-vit-base-patch32's file list (2024), and Xenova/clip-vit-base-patch32's ONNX folder.
const openaiRepo = [...shared, ...tokenizerExtras, 'README.md', '.gitattributes', 'tokenizer.json', 'model.safetensors', 'pytorch_model.bin', 'tf_model.h5', 'flax_model.msgpack'];
const xenovaRepo = [
  ...shared, ...tokenizerExtras, 'tokenizer.json', 'README.md',
  ...['model', 'text_model', 'vision_model'].flatMap((m) => ['', '_fp16', '_quantized', '_int8', '_uint8', '_q4', '_bnb4'].map((s) => `onnx/${m}${s}.onnx`)),
];
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('filesForEngine', () => {
  it('tfjs: the configs, the tokenizer and model.safetensors only', () => {
    assert.deepEqual(sorted(filesForEngine('tfjs', 'fp32', openaiRepo)), sorted([...shared, ...tokenizerExtras, 'model.safetensors']));
  });

  it('tfjs on the clip-tiny fixture prefers model.safetensors to the OpenAI state dict', () => {
    const fixture = readdirSync(fixturePath('clip-tiny'));
    const picked = filesForEngine('tfjs', 'fp32', [...fixture, 'onnx/vision_model.onnx']);
    assert.ok(picked.includes('model.safetensors') && !picked.includes('openai_state_dict.safetensors') && !picked.some((f) => f.endsWith('.onnx')));
  });

  it('tfjs: a sharded checkpoint brings its index and every root shard', () => {
    const repo = [...shared, 'model.safetensors.index.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'openai_state_dict.safetensors', 'onnx/x.safetensors'];
    assert.deepEqual(sorted(filesForEngine('tfjs', 'fp32', repo)), sorted([...shared, 'model.safetensors.index.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']));
  });

  it('tfjs: falls back to openai_state_dict.safetensors', () => {
    assert.ok(filesForEngine('tfjs', 'fp32', [...shared, 'openai_state_dict.safetensors']).includes('openai_state_dict.safetensors'));
  });

  it('tfjs: a repo with only pickles is refused, naming them', () => {
    assert.throws(() => filesForEngine('tfjs', 'fp32', [...shared, 'pytorch_model.bin']), (e: unknown) => e instanceof ModelLoadError && /pytorch_model\.bin/.test(e.message));
  });

  for (const [dtype, suffix] of [['fp32', ''], ['fp16', '_fp16'], ['q8', '_quantized']] as const) {
    it(`onnx ${dtype}: the two ${suffix || 'plain'} graphs and no other weights`, () => {
      assert.deepEqual(
        sorted(filesForEngine('onnx', dtype, xenovaRepo)),
        sorted([...shared, ...tokenizerExtras, `onnx/vision_model${suffix}.onnx`, `onnx/text_model${suffix}.onnx`]),
      );
    });
  }

  it('onnx: a combined model.onnx when that is all there is, with its external data', () => {
    const repo = [...shared, 'onnx/model.onnx', 'onnx/model.onnx_data', 'onnx/model_fp16.onnx'];
    assert.deepEqual(sorted(filesForEngine('onnx', 'fp32', repo)), sorted([...shared, 'onnx/model.onnx', 'onnx/model.onnx_data']));
  });

  it('onnx: a missing dtype names what was needed and what was found', () => {
    const repo = [...shared, 'onnx/vision_model.onnx', 'onnx/text_model.onnx'];
    assert.throws(() => filesForEngine('onnx', 'fp16', repo), (e: unknown) => {
      assert.ok(e instanceof ModelLoadError);
      assert.match(e.message, /onnx\/vision_model_fp16\.onnx and onnx\/text_model_fp16\.onnx \(or onnx\/model_fp16\.onnx\)/);
      assert.match(e.message, /has onnx\/vision_model\.onnx, onnx\/text_model\.onnx/);
      return true;
    });
  });

  it('auto: onnx when the repo has ONNX graphs, else tfjs', () => {
    assert.ok(filesForEngine('auto', 'fp32', xenovaRepo).includes('onnx/vision_model.onnx'));
    assert.ok(filesForEngine('auto', 'fp32', openaiRepo).includes('model.safetensors'));
  });

  it('a repo without a tokenizer stroop reads is refused for every engine, naming the sets it reads', () => {
    const repo = ['config.json', 'preprocessor_config.json', 'model.safetensors', 'onnx/vision_model.onnx', 'onnx/text_model.onnx', 'vocab.json'];
    for (const engine of ['tfjs', 'onnx'] as const) {
      assert.throws(() => filesForEngine(engine, 'fp32', repo), /no tokenizer stroop reads: it needs vocab\.json \+ merges\.txt, or tokenizer\.json, or spiece\.model/);
    }
  });

  it('SigLIP repos: spiece.model (google/siglip-*), tokenizer.json (google/siglip2-*), both when a port ships both', () => {
    const siglip = ['config.json', 'preprocessor_config.json', 'model.safetensors', 'spiece.model', 'special_tokens_map.json', 'tokenizer_config.json', 'README.md'];
    assert.deepEqual(sorted(filesForEngine('tfjs', 'fp32', siglip)), sorted(siglip.filter((f) => f !== 'README.md')));
    const siglip2 = ['config.json', 'preprocessor_config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer.model', 'tokenizer_config.json', 'special_tokens_map.json'];
    assert.deepEqual(sorted(filesForEngine('tfjs', 'fp32', siglip2)), sorted(siglip2.filter((f) => f !== 'tokenizer.model')));
    const port = [...siglip, 'tokenizer.json', 'onnx/vision_model.onnx', 'onnx/text_model.onnx'];
    assert.deepEqual(
      sorted(filesForEngine('onnx', 'fp32', port)),
      sorted(['config.json', 'preprocessor_config.json', 'spiece.model', 'tokenizer.json', 'special_tokens_map.json', 'tokenizer_config.json', 'onnx/vision_model.onnx', 'onnx/text_model.onnx']),
    );
  });
});
