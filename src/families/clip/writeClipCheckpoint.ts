import fs from 'node:fs/promises';
import path from 'node:path';
import type { PreprocessorConfig } from '../../model/preprocessorConfig.js';
import { towerConfigJson } from '../../model/towerConfig.js';
import type { WeightMap } from '../../model/weightMap.js';
import { writeSafetensors } from '../../model/writeSafetensors.js';
import { packageRoot } from '../../packageRoot.js';
import { writeFileAtomically } from '../../util/writeFileAtomically.js';
import type { ClipConfig, TextConfig } from './clipConfig.js';

/**
 * CLIP checkpoints that stroop writes: OpenAI's released architectures, their preprocessing, the
 * Hugging Face `config.json` and `preprocessor_config.json` of a config, and the checkpoint
 * directory itself (random weights for benchmarks and tests, or trained ones).
 */

/** CLIP's full BPE tokenizer files, shipped with stroop. */
export const clipTokenizerDir = path.join(packageRoot, 'models', 'clip-bpe');
const tokenizerFiles = ['vocab.json', 'merges.txt', 'tokenizer_config.json', 'special_tokens_map.json'];

/** The text tower shared by OpenAI's ViT-B CLIP models. */
const baseText: TextConfig = Object.freeze({
  hiddenSize: 512,
  intermediateSize: 2048,
  numAttentionHeads: 8,
  numHiddenLayers: 12,
  hiddenAct: 'quick_gelu',
  layerNormEps: 1e-5,
  vocabSize: 49408,
  maxPositionEmbeddings: 77,
  bosTokenId: 49406,
  eosTokenId: 49407,
  padTokenId: 1,
});

function vit(patchSize: number, hiddenSize: number, layers: number, projectionDim: number, text: TextConfig): ClipConfig {
  return Object.freeze({
    family: 'clip',
    projectionDim,
    logitScaleInitValue: 2.6592,
    text,
    vision: Object.freeze({
      hiddenSize,
      intermediateSize: 4 * hiddenSize,
      numAttentionHeads: hiddenSize / 64,
      numHiddenLayers: layers,
      hiddenAct: 'quick_gelu',
      layerNormEps: 1e-5,
      imageSize: 224,
      patchSize,
      numChannels: 3,
    }),
  });
}

/**
 * The architectures of OpenAI's released ViT CLIP models (`openai/clip-vit-*`), by name.
 * Used to build random-weight checkpoints for benchmarks and export tests.
 */
export const clipArchitectures: Readonly<Record<string, ClipConfig>> = Object.freeze({
  'vit-b-32': vit(32, 768, 12, 512, baseText),
  'vit-b-16': vit(16, 768, 12, 512, baseText),
  'vit-l-14': vit(14, 1024, 24, 768, Object.freeze({ ...baseText, hiddenSize: 768, intermediateSize: 3072, numAttentionHeads: 12 })),
});

/** OpenAI CLIP's preprocessing for a model of this input size: bicubic resize, center crop, CLIP mean/std. */
export function clipPreprocessorFor(config: ClipConfig): PreprocessorConfig {
  const size = config.vision.imageSize;
  return {
    doResize: true,
    resizeMode: 'shortestEdge',
    shortestEdge: size,
    resizeHeight: size,
    resizeWidth: size,
    convertRgb: 'afterResize',
    resample: 3,
    doCenterCrop: true,
    cropHeight: size,
    cropWidth: size,
    doRescale: true,
    rescaleFactor: 1 / 255,
    doNormalize: true,
    imageMean: [0.48145466, 0.4578275, 0.40821073],
    imageStd: [0.26862954, 0.26130258, 0.27577711],
    doConvertRgb: true,
  };
}

/** A ClipConfig as a Hugging Face `config.json` (CLIPModel), the inverse of readClipConfig. */
export function clipConfigJson(config: ClipConfig): Record<string, unknown> {
  const { text, vision } = config;
  return {
    architectures: ['CLIPModel'],
    model_type: 'clip',
    projection_dim: config.projectionDim,
    logit_scale_init_value: config.logitScaleInitValue,
    torch_dtype: 'float32',
    text_config: {
      model_type: 'clip_text_model',
      ...towerConfigJson(text),
      vocab_size: text.vocabSize,
      max_position_embeddings: text.maxPositionEmbeddings,
      bos_token_id: text.bosTokenId,
      eos_token_id: text.eosTokenId,
      pad_token_id: text.padTokenId,
      projection_dim: config.projectionDim,
    },
    vision_config: {
      model_type: 'clip_vision_model',
      ...towerConfigJson(vision),
      image_size: vision.imageSize,
      patch_size: vision.patchSize,
      num_channels: vision.numChannels,
      projection_dim: config.projectionDim,
    },
  };
}

/** A PreprocessorConfig as a Hugging Face `preprocessor_config.json` (CLIPImageProcessor). */
export function preprocessorConfigJson(p: PreprocessorConfig): Record<string, unknown> {
  return {
    image_processor_type: 'CLIPImageProcessor',
    do_resize: p.doResize,
    size: { shortest_edge: p.shortestEdge },
    resample: p.resample,
    do_center_crop: p.doCenterCrop,
    crop_size: { height: p.cropHeight, width: p.cropWidth },
    do_rescale: p.doRescale,
    rescale_factor: p.rescaleFactor,
    do_normalize: p.doNormalize,
    image_mean: [...p.imageMean],
    image_std: [...p.imageStd],
    do_convert_rgb: p.doConvertRgb,
  };
}

/**
 * Writes a checkpoint in Hugging Face CLIP layout: config.json, preprocessor_config.json,
 * model.safetensors (F32) and CLIP's tokenizer files. Each file appears whole or not at all.
 */
export async function writeClipCheckpoint(outDir: string, config: ClipConfig, preprocessor: PreprocessorConfig, weights: WeightMap): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await writeFileAtomically(path.join(outDir, 'config.json'), json(clipConfigJson(config)));
  await writeFileAtomically(path.join(outDir, 'preprocessor_config.json'), json(preprocessorConfigJson(preprocessor)));
  for (const file of tokenizerFiles) await fs.copyFile(path.join(clipTokenizerDir, file), path.join(outDir, file));
  await writeFileAtomically(path.join(outDir, 'model.safetensors'), writeSafetensors(weights, { metadata: { format: 'pt' } }));
  return ['config.json', 'preprocessor_config.json', ...tokenizerFiles, 'model.safetensors'];
}
