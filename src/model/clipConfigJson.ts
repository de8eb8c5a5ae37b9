import type { ClipConfig } from './clipConfig.js';
import { towerConfigJson } from './configSchemaParts.js';
import type { PreprocessorConfig } from './preprocessorConfig.js';

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
