import { addEncoderLayerShapes, addLayerNormShapes, addMlpShapes } from '../../model/towerConfig.js';
import type { SiglipConfig } from './siglipConfig.js';

/**
 * Every tensor a Hugging Face `SiglipModel` checkpoint must hold for both encoders and the
 * scoring rule, with its shape as implied by `config` (transformers' `modeling_siglip.py`):
 *
 * - text: token and position embeddings, the encoder, `final_layer_norm`, and the `head`
 *   (a Linear [projectionSize, hidden]) applied to the last position;
 * - vision: the patch Conv2d with bias, position embeddings for the patch grid (no class
 *   token), the encoder, `post_layernorm`, and the attention-pooling `head` (`probe` [1, 1, W],
 *   an `nn.MultiheadAttention` with fused `in_proj` [3W, W], its `layernorm` and `mlp`);
 * - `logit_scale` [1] and `logit_bias` [1].
 *
 * Linear weights are [out, in]; `position_ids` buffers are not weights and not listed.
 */
export function expectedSiglipWeightShapes(config: SiglipConfig): Map<string, number[]> {
  const { text, vision } = config;
  const shapes = new Map<string, number[]>();

  shapes.set('text_model.embeddings.token_embedding.weight', [text.vocabSize, text.hiddenSize]);
  shapes.set('text_model.embeddings.position_embedding.weight', [text.maxPositionEmbeddings, text.hiddenSize]);
  addEncoderLayerShapes(shapes, 'text_model', text);
  addLayerNormShapes(shapes, 'text_model.final_layer_norm', text.hiddenSize);
  shapes.set('text_model.head.weight', [text.projectionSize, text.hiddenSize]);
  shapes.set('text_model.head.bias', [text.projectionSize]);

  const width = vision.hiddenSize;
  const patches = (vision.imageSize / vision.patchSize) ** 2;
  shapes.set('vision_model.embeddings.patch_embedding.weight', [width, vision.numChannels, vision.patchSize, vision.patchSize]);
  shapes.set('vision_model.embeddings.patch_embedding.bias', [width]);
  shapes.set('vision_model.embeddings.position_embedding.weight', [patches, width]);
  addEncoderLayerShapes(shapes, 'vision_model', vision);
  addLayerNormShapes(shapes, 'vision_model.post_layernorm', width);
  shapes.set('vision_model.head.probe', [1, 1, width]);
  shapes.set('vision_model.head.attention.in_proj_weight', [3 * width, width]);
  shapes.set('vision_model.head.attention.in_proj_bias', [3 * width]);
  shapes.set('vision_model.head.attention.out_proj.weight', [width, width]);
  shapes.set('vision_model.head.attention.out_proj.bias', [width]);
  addLayerNormShapes(shapes, 'vision_model.head.layernorm', width);
  addMlpShapes(shapes, 'vision_model.head.mlp', width, vision.intermediateSize);

  shapes.set('logit_scale', [1]);
  shapes.set('logit_bias', [1]);
  return shapes;
}
