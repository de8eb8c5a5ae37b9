import { ConfigError } from '../../errors/errors.js';
import { loadSafetensorsWeights } from '../../model/loadCheckpointWeights.js';
import type { ModelFamily } from '../modelFamily.js';
import { loadSiglipTokenizer } from './loadSiglipTokenizer.js';
import { readSiglipConfig, type SiglipConfig } from './siglipConfig.js';
import { expectedSiglipWeightShapes } from './siglipWeightShapes.js';

/**
 * Google's SigLIP (`google/siglip-*`) and the fixed-resolution SigLIP 2 checkpoints
 * (`google/siglip2-*-patch16-224` etc.), which transformers loads as `SiglipModel`; they differ in
 * the tokenizer they ship (SentencePiece `spiece.model` vs Gemma BPE `tokenizer.json`).
 * Reference: transformers' `modeling_siglip.py` and its tokenizers and image processor.
 */
export const siglipFamily = Object.freeze<ModelFamily<SiglipConfig>>({
  id: 'siglip',
  label: 'SigLIP',
  modelTypes: ['siglip'],
  architectures: ['SiglipModel'],
  exampleHubId: 'google/siglip-base-patch16-224',
  scoringKind: 'sigmoid',
  scoringTensors: ['logit_scale', 'logit_bias'],
  // Optimum / transformers.js export SiglipVisionModel and SiglipTextModel, whose pooled output is the embedding.
  onnxOutputs: { vision: ['image_embeds', 'pooler_output'], text: ['text_embeds', 'pooler_output'] },
  tokenizerFiles: ['spiece.model', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'],
  readConfig: readSiglipConfig,
  checkPreprocessor(preprocessor, config, source) {
    const size = config.vision.imageSize;
    const [height, width] = preprocessor.doCenterCrop
      ? [preprocessor.cropHeight, preprocessor.cropWidth]
      : preprocessor.resizeMode === 'exact'
        ? [preprocessor.resizeHeight, preprocessor.resizeWidth]
        : [undefined, undefined];
    if (!preprocessor.doResize || height !== size || width !== size) {
      const got = height === undefined || !preprocessor.doResize ? 'no fixed output size' : `${height}x${width}`;
      throw new ConfigError(
        `${source}: gives ${got}, but the vision tower's image_size in config.json is ${size}; a SigLIP processor resizes to {"height": ${size}, "width": ${size}}.`,
        source,
      );
    }
  },
  expectedWeightShapes: expectedSiglipWeightShapes,
  loadWeights: (dir, config) => loadSafetensorsWeights(dir, expectedSiglipWeightShapes(config)),
  loadTokenizer: loadSiglipTokenizer,
  scoringRule(weights, config) {
    const scale = weights.get('logit_scale')?.data[0];
    const bias = weights.get('logit_bias')?.data[0];
    return {
      rule: { kind: 'sigmoid', logitScale: Math.exp(scale ?? config.logitScaleInitValue), logitBias: bias ?? config.logitBiasInitValue },
      missing: [...(scale === undefined ? ['logit_scale'] : []), ...(bias === undefined ? ['logit_bias'] : [])],
    };
  },
  async createTfjsEncoder(weights, config) {
    return (await import('./siglipTfjsEncoder.js')).createSiglipTfjsEncoder(weights, config);
  },
});
