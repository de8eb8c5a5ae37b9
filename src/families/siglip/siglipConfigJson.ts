import { towerConfigJson } from '../../model/configSchemaParts.js';
import type { PreprocessorConfig } from '../../model/preprocessorConfig.js';
import type { SiglipConfig } from './siglipConfig.js';

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
