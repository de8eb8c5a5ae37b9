import type { ClipConfig } from './clipConfig.js';
import { addEncoderLayerShapes, addLayerNormShapes } from './encoderWeightShapes.js';

/**
 * Every tensor a Hugging Face `CLIPModel` checkpoint must hold for both encoders, with
 * its shape as implied by `config`: `text_model.*`, `vision_model.*` (including HF's
 * misspelt `pre_layrnorm`), `text_projection.weight` [projectionDim, textHidden],
 * `visual_projection.weight` [projectionDim, visionHidden] and the scalar `logit_scale` [].
 * Linear weights are [out, in]; `position_ids` buffers are not weights and not listed.
 */
export function expectedClipWeightShapes(config: ClipConfig): Map<string, number[]> {
  const { text, vision, projectionDim } = config;
  const shapes = new Map<string, number[]>();

  shapes.set('text_model.embeddings.token_embedding.weight', [text.vocabSize, text.hiddenSize]);
  shapes.set('text_model.embeddings.position_embedding.weight', [text.maxPositionEmbeddings, text.hiddenSize]);
  addEncoderLayerShapes(shapes, 'text_model', text);
  addLayerNormShapes(shapes, 'text_model.final_layer_norm', text.hiddenSize);

  const patchesPerSide = vision.imageSize / vision.patchSize;
  shapes.set('vision_model.embeddings.class_embedding', [vision.hiddenSize]);
  shapes.set('vision_model.embeddings.patch_embedding.weight', [
    vision.hiddenSize,
    vision.numChannels,
    vision.patchSize,
    vision.patchSize,
  ]);
  shapes.set('vision_model.embeddings.position_embedding.weight', [patchesPerSide * patchesPerSide + 1, vision.hiddenSize]);
  addLayerNormShapes(shapes, 'vision_model.pre_layrnorm', vision.hiddenSize);
  addEncoderLayerShapes(shapes, 'vision_model', vision);
  addLayerNormShapes(shapes, 'vision_model.post_layernorm', vision.hiddenSize);

  shapes.set('text_projection.weight', [projectionDim, text.hiddenSize]);
  shapes.set('visual_projection.weight', [projectionDim, vision.hiddenSize]);
  shapes.set('logit_scale', []);
  return shapes;
}
