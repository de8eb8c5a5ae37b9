import type { ClipConfig, TowerConfig } from './clipConfig.js';

/** The tensors of one `CLIPEncoderLayer`, under `<prefix>.encoder.layers.<i>.`. */
function addEncoderLayers(shapes: Map<string, number[]>, prefix: string, tower: TowerConfig): void {
  const { hiddenSize: width, intermediateSize: mlp } = tower;
  for (let layer = 0; layer < tower.numHiddenLayers; layer++) {
    const at = `${prefix}.encoder.layers.${layer}`;
    for (const projection of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
      shapes.set(`${at}.self_attn.${projection}.weight`, [width, width]);
      shapes.set(`${at}.self_attn.${projection}.bias`, [width]);
    }
    for (const norm of ['layer_norm1', 'layer_norm2']) {
      shapes.set(`${at}.${norm}.weight`, [width]);
      shapes.set(`${at}.${norm}.bias`, [width]);
    }
    shapes.set(`${at}.mlp.fc1.weight`, [mlp, width]);
    shapes.set(`${at}.mlp.fc1.bias`, [mlp]);
    shapes.set(`${at}.mlp.fc2.weight`, [width, mlp]);
    shapes.set(`${at}.mlp.fc2.bias`, [width]);
  }
}

function addLayerNorm(shapes: Map<string, number[]>, name: string, width: number): void {
  shapes.set(`${name}.weight`, [width]);
  shapes.set(`${name}.bias`, [width]);
}

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
  addEncoderLayers(shapes, 'text_model', text);
  addLayerNorm(shapes, 'text_model.final_layer_norm', text.hiddenSize);

  const patchesPerSide = vision.imageSize / vision.patchSize;
  shapes.set('vision_model.embeddings.class_embedding', [vision.hiddenSize]);
  shapes.set('vision_model.embeddings.patch_embedding.weight', [
    vision.hiddenSize,
    vision.numChannels,
    vision.patchSize,
    vision.patchSize,
  ]);
  shapes.set('vision_model.embeddings.position_embedding.weight', [patchesPerSide * patchesPerSide + 1, vision.hiddenSize]);
  addLayerNorm(shapes, 'vision_model.pre_layrnorm', vision.hiddenSize);
  addEncoderLayers(shapes, 'vision_model', vision);
  addLayerNorm(shapes, 'vision_model.post_layernorm', vision.hiddenSize);

  shapes.set('text_projection.weight', [projectionDim, text.hiddenSize]);
  shapes.set('visual_projection.weight', [projectionDim, vision.hiddenSize]);
  shapes.set('logit_scale', []);
  return shapes;
}
