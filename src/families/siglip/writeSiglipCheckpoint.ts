import fs from 'node:fs/promises';
import path from 'node:path';
import type { PreprocessorConfig } from '../../model/preprocessorConfig.js';
import { randomWeights } from '../../model/randomWeights.js';
import { towerConfigJson } from '../../model/towerConfig.js';
import { writeSafetensors } from '../../model/writeSafetensors.js';
import { packageRoot } from '../../packageRoot.js';
import { writeFileAtomically } from '../../util/writeFileAtomically.js';
import type { SiglipConfig } from './siglipConfig.js';
import { expectedSiglipWeightShapes } from './siglipWeightShapes.js';

/**
 * SigLIP checkpoints that stroop writes: Google's base architectures with the stand-in tokenizer
 * each ships, the Hugging Face `config.json` and `preprocessor_config.json` of a config, and the
 * random-weight checkpoint directory.
 */

/** Which of the stand-in tokenizers (models/siglip-tokenizers/) a random checkpoint ships. */
export type SiglipTokenizerKind = 'spiece' | 'gemma-bpe';

/** A SigLIP architecture to build random-weight checkpoints of, with its kind of tokenizer. */
export interface SiglipArchitecture {
  readonly config: SiglipConfig;
  readonly tokenizer: SiglipTokenizerKind;
}

/** The stand-in tokenizers shipped with stroop for random-weight checkpoints (see its README). */
export const siglipTokenizerDir = path.join(packageRoot, 'models', 'siglip-tokenizers');
const tokenizerFiles = { spiece: ['spiece.model', 'tokenizer_config.json'], 'gemma-bpe': ['tokenizer.json', 'tokenizer_config.json'] } as const;

/** The ViT-B/16 towers at 224 px shared by google/siglip-base-patch16-224 and google/siglip2-base-patch16-224. */
function base16(vocabSize: number, tokenizer: SiglipTokenizerKind): SiglipArchitecture {
  const tower = { hiddenSize: 768, intermediateSize: 3072, numAttentionHeads: 12, numHiddenLayers: 12, hiddenAct: 'gelu_pytorch_tanh', layerNormEps: 1e-6 } as const;
  return Object.freeze({
    tokenizer,
    config: Object.freeze({
      family: 'siglip',
      projectionDim: 768,
      logitScaleInitValue: Math.log(10),
      logitBiasInitValue: -10,
      text: Object.freeze({ ...tower, vocabSize, maxPositionEmbeddings: 64, padTokenId: 1, eosTokenId: 1, projectionSize: 768 }),
      vision: Object.freeze({ ...tower, imageSize: 224, patchSize: 16, numChannels: 3 }),
    }),
  });
}

/**
 * The architectures of Google's base SigLIP checkpoints, by name (sizes from their config.json
 * files): for random-weight checkpoints that benchmark and export a full-size model.
 */
export const siglipArchitectures: Readonly<Record<string, SiglipArchitecture>> = Object.freeze({
  'siglip-b-16': base16(32000, 'spiece'),
  'siglip2-b-16': base16(256000, 'gemma-bpe'),
});

/** A SiglipConfig as a Hugging Face `config.json` (SiglipModel), the inverse of readSiglipConfig. */
export function siglipConfigJson(config: SiglipConfig): Record<string, unknown> {
  const { text, vision } = config;
  return {
    architectures: ['SiglipModel'],
    model_type: 'siglip',
    torch_dtype: 'float32',
    text_config: {
      model_type: 'siglip_text_model',
      ...towerConfigJson(text),
      vocab_size: text.vocabSize,
      max_position_embeddings: text.maxPositionEmbeddings,
      pad_token_id: text.padTokenId,
      eos_token_id: text.eosTokenId,
      projection_size: text.projectionSize,
    },
    vision_config: {
      model_type: 'siglip_vision_model',
      ...towerConfigJson(vision),
      image_size: vision.imageSize,
      patch_size: vision.patchSize,
      num_channels: vision.numChannels,
    },
  };
}

/** SiglipImageProcessor's preprocessing for a model of this input size: a square bicubic resize, mean/std 0.5, no crop. */
export function siglipPreprocessorFor(config: SiglipConfig): PreprocessorConfig {
  const size = config.vision.imageSize;
  return {
    doResize: true,
    resizeMode: 'exact',
    shortestEdge: size,
    resizeHeight: size,
    resizeWidth: size,
    convertRgb: 'beforeResize',
    resample: 3,
    doCenterCrop: false,
    cropHeight: size,
    cropWidth: size,
    doRescale: true,
    rescaleFactor: 1 / 255,
    doNormalize: true,
    imageMean: [0.5, 0.5, 0.5],
    imageStd: [0.5, 0.5, 0.5],
    doConvertRgb: true,
  };
}

/** A SigLIP PreprocessorConfig as a `preprocessor_config.json` (SiglipImageProcessor). */
export function siglipPreprocessorConfigJson(p: PreprocessorConfig): Record<string, unknown> {
  return {
    image_processor_type: 'SiglipImageProcessor',
    do_resize: p.doResize,
    size: { height: p.resizeHeight, width: p.resizeWidth },
    resample: p.resample,
    do_rescale: p.doRescale,
    rescale_factor: p.rescaleFactor,
    do_normalize: p.doNormalize,
    image_mean: [...p.imageMean],
    image_std: [...p.imageStd],
    do_convert_rgb: p.doConvertRgb,
  };
}

/**
 * Writes a SigLIP checkpoint of `architecture` with seeded random weights in Hugging Face layout:
 * config.json, preprocessor_config.json (SiglipImageProcessor), the stand-in tokenizer of its
 * kind and model.safetensors (F32; logit_scale log(10), logit_bias -10, transformers' initial
 * values). Each file appears whole or not at all.
 * @returns the names of the files written.
 */
export async function writeSiglipCheckpoint(outDir: string, architecture: SiglipArchitecture, seed: number): Promise<string[]> {
  const { config } = architecture;
  await fs.mkdir(outDir, { recursive: true });
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  await writeFileAtomically(path.join(outDir, 'config.json'), json(siglipConfigJson(config)));
  await writeFileAtomically(path.join(outDir, 'preprocessor_config.json'), json(siglipPreprocessorConfigJson(siglipPreprocessorFor(config))));
  const tokenizer = tokenizerFiles[architecture.tokenizer];
  for (const file of tokenizer) await fs.copyFile(path.join(siglipTokenizerDir, architecture.tokenizer, file), path.join(outDir, file));
  const weights = randomWeights(expectedSiglipWeightShapes(config), seed, { logit_scale: config.logitScaleInitValue, logit_bias: config.logitBiasInitValue });
  await writeFileAtomically(path.join(outDir, 'model.safetensors'), writeSafetensors(weights, { metadata: { format: 'pt' } }));
  return ['config.json', 'preprocessor_config.json', ...tokenizer, 'model.safetensors'];
}
