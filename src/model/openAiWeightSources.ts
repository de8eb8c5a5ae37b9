import type { ClipConfig } from './clipConfig.js';

/**
 * How one Hugging Face tensor is made from an OpenAI state-dict tensor:
 * `copy` as is, `transpose` a 2-D matrix, or take row block `q`/`k`/`v` (the first,
 * second or third equal third) of a fused `in_proj_weight` / `in_proj_bias`.
 */
export type OpenAiTransform = 'copy' | 'transpose' | 'q' | 'k' | 'v';

export interface OpenAiWeightSource {
  /** Hugging Face `CLIPModel` name. */
  readonly hfName: string;
  /** OpenAI `clip.model.CLIP.state_dict()` name. */
  readonly openAiName: string;
  readonly transform: OpenAiTransform;
}

function towerLayers(sources: OpenAiWeightSource[], openAiPrefix: string, hfPrefix: string, layers: number): void {
  const add = (hfName: string, openAiName: string, transform: OpenAiTransform = 'copy'): void => {
    sources.push({ hfName, openAiName, transform });
  };
  for (let layer = 0; layer < layers; layer++) {
    const from = `${openAiPrefix}transformer.resblocks.${layer}`;
    const to = `${hfPrefix}.encoder.layers.${layer}`;
    for (const part of ['weight', 'bias']) {
      for (const block of ['q', 'k', 'v'] as const) {
        add(`${to}.self_attn.${block}_proj.${part}`, `${from}.attn.in_proj_${part}`, block);
      }
      add(`${to}.self_attn.out_proj.${part}`, `${from}.attn.out_proj.${part}`);
      add(`${to}.layer_norm1.${part}`, `${from}.ln_1.${part}`);
      add(`${to}.layer_norm2.${part}`, `${from}.ln_2.${part}`);
      add(`${to}.mlp.fc1.${part}`, `${from}.mlp.c_fc.${part}`);
      add(`${to}.mlp.fc2.${part}`, `${from}.mlp.c_proj.${part}`);
    }
  }
}

/**
 * The OpenAI -> Hugging Face name map of a ViT CLIP with this config's layer counts:
 * one entry per Hugging Face tensor of `expectedClipWeightShapes(config)`.
 */
export function openAiWeightSources(config: ClipConfig): OpenAiWeightSource[] {
  const sources: OpenAiWeightSource[] = [];
  const add = (hfName: string, openAiName: string, transform: OpenAiTransform = 'copy'): void => {
    sources.push({ hfName, openAiName, transform });
  };
  add('text_model.embeddings.token_embedding.weight', 'token_embedding.weight');
  add('text_model.embeddings.position_embedding.weight', 'positional_embedding');
  towerLayers(sources, '', 'text_model', config.text.numHiddenLayers);
  add('text_model.final_layer_norm.weight', 'ln_final.weight');
  add('text_model.final_layer_norm.bias', 'ln_final.bias');

  add('vision_model.embeddings.class_embedding', 'visual.class_embedding');
  add('vision_model.embeddings.patch_embedding.weight', 'visual.conv1.weight');
  add('vision_model.embeddings.position_embedding.weight', 'visual.positional_embedding');
  add('vision_model.pre_layrnorm.weight', 'visual.ln_pre.weight');
  add('vision_model.pre_layrnorm.bias', 'visual.ln_pre.bias');
  towerLayers(sources, 'visual.', 'vision_model', config.vision.numHiddenLayers);
  add('vision_model.post_layernorm.weight', 'visual.ln_post.weight');
  add('vision_model.post_layernorm.bias', 'visual.ln_post.bias');

  add('text_projection.weight', 'text_projection', 'transpose');
  add('visual_projection.weight', 'visual.proj', 'transpose');
  add('logit_scale', 'logit_scale');
  return sources;
}
