import { ConfigError } from '../../errors/errors.js';
import type { ModelFamily } from '../modelFamily.js';
import { expectedClipWeightShapes, readClipConfig, type ClipConfig } from './clipConfig.js';
import { loadClipWeights } from './clipWeights.js';
import { loadClipTokenizer } from './tokenizer/ClipTokenizer.js';

/**
 * OpenAI CLIP and its fine-tunes in Hugging Face layout (`CLIPModel`; OpenCLIP checkpoints
 * converted to it). Reference: OpenAI's code (github openai/CLIP); stroop follows it where
 * transformers differs (tokenizer cleaning, crop rounding, alpha handling).
 */
export const clipFamily = Object.freeze<ModelFamily<ClipConfig>>({
  id: 'clip',
  label: 'CLIP',
  modelTypes: ['clip'],
  architectures: ['CLIPModel'],
  exampleHubId: 'openai/clip-vit-base-patch32',
  scoringKind: 'softmax',
  scoringTensors: ['logit_scale'],
  onnxOutputs: { vision: ['image_embeds'], text: ['text_embeds'] },
  tokenizerFiles: ['vocab.json', 'merges.txt', 'tokenizer_config.json', 'special_tokens_map.json'],
  readConfig: readClipConfig,
  checkPreprocessor(preprocessor, config, source) {
    const size = config.vision.imageSize;
    if (preprocessor.resizeMode === 'exact') {
      throw new ConfigError(`${source}: size {height, width} resizes without keeping the aspect ratio; a CLIP model's processor resizes the shortest edge ({"shortest_edge": ${size}}) and center-crops.`, source);
    }
    if (!preprocessor.doCenterCrop) {
      throw new ConfigError(`${source}: do_center_crop is false; stroop needs square ${size}x${size} inputs, so it must be true.`, source);
    }
    if (preprocessor.cropHeight !== size || preprocessor.cropWidth !== size) {
      throw new ConfigError(
        `${source}: crop_size ${preprocessor.cropHeight}x${preprocessor.cropWidth} does not match the vision tower's image_size ${size} in config.json.`,
        source,
      );
    }
  },
  expectedWeightShapes: expectedClipWeightShapes,
  loadWeights: loadClipWeights,
  loadTokenizer: loadClipTokenizer,
  scoringRule(weights, config) {
    const scale = weights.get('logit_scale')?.data[0];
    return {
      rule: { kind: 'softmax', logitScale: Math.exp(scale ?? config.logitScaleInitValue) },
      missing: scale === undefined ? ['logit_scale'] : [],
    };
  },
  async createTfjsEncoder(weights, config) {
    return (await import('./clipTfjsEncoder.js')).createClipTfjsEncoder(weights, config);
  },
});
