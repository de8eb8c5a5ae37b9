import type { z } from 'zod';

/**
 * A transformer tower (text or vision encoder) as every dual-encoder family shapes it: its sizes,
 * their fields in a Hugging Face `config.json` and the size rules they obey, and the shapes of the
 * tensor groups CLIP and SigLIP checkpoints share (Hugging Face names; Linear weights [out, in]).
 */

/** Activation of the transformer MLPs; CLIP uses `quick_gelu`, fine-tunes may use `gelu`. */
export type HiddenAct = 'quick_gelu' | 'gelu' | 'gelu_new' | 'gelu_pytorch_tanh' | 'relu';

/** Shared shape of a transformer tower. */
export interface TowerConfig {
  /** Residual stream width (OpenAI's `width`). */
  readonly hiddenSize: number;
  /** MLP hidden width (usually 4 x hiddenSize). */
  readonly intermediateSize: number;
  /** Attention heads; hiddenSize must be divisible by it. */
  readonly numAttentionHeads: number;
  /** Residual attention blocks. */
  readonly numHiddenLayers: number;
  readonly hiddenAct: HiddenAct;
  /** LayerNorm epsilon (CLIP: 1e-5). */
  readonly layerNormEps: number;
}

export interface VisionConfig extends TowerConfig {
  /** Square input resolution in pixels. */
  readonly imageSize: number;
  /** Square patch size in pixels; imageSize must be divisible by it. */
  readonly patchSize: number;
  /** Input channels (3). */
  readonly numChannels: number;
}

/** The transformer-tower fields of a Hugging Face `config.json` (CLIP and SigLIP name them alike). */
export function towerConfigJson(t: TowerConfig): Record<string, unknown> {
  return {
    hidden_size: t.hiddenSize,
    intermediate_size: t.intermediateSize,
    num_attention_heads: t.numAttentionHeads,
    num_hidden_layers: t.numHiddenLayers,
    hidden_act: t.hiddenAct,
    layer_norm_eps: t.layerNormEps,
  };
}

interface TowerSizes {
  readonly hidden_size: number;
  readonly num_attention_heads: number;
}

/**
 * The size rules every dual-encoder config obeys, as zod issues: each tower's width divides into
 * its heads, and the image into whole patches.
 */
export function addTowerShapeIssues(
  context: z.core.$RefinementCtx,
  text: TowerSizes,
  vision: TowerSizes & { readonly image_size: number; readonly patch_size: number },
): void {
  for (const [tower, values] of [['text_config', text], ['vision_config', vision]] as const) {
    if (values.hidden_size % values.num_attention_heads !== 0) {
      context.addIssue({
        code: 'custom',
        path: [tower, 'num_attention_heads'],
        message: `hidden_size ${values.hidden_size} is not divisible by num_attention_heads ${values.num_attention_heads}`,
      });
    }
  }
  if (vision.image_size % vision.patch_size !== 0) {
    context.addIssue({
      code: 'custom',
      path: ['vision_config', 'patch_size'],
      message: `image_size ${vision.image_size} is not divisible by patch_size ${vision.patch_size}`,
    });
  }
}

/** A LayerNorm's `weight` and `bias`, both [width]. */
export function addLayerNormShapes(shapes: Map<string, number[]>, name: string, width: number): void {
  shapes.set(`${name}.weight`, [width]);
  shapes.set(`${name}.bias`, [width]);
}

/** An MLP's `fc1` [hidden, width] and `fc2` [width, hidden] with their biases. */
export function addMlpShapes(shapes: Map<string, number[]>, prefix: string, width: number, hidden: number): void {
  shapes.set(`${prefix}.fc1.weight`, [hidden, width]);
  shapes.set(`${prefix}.fc1.bias`, [hidden]);
  shapes.set(`${prefix}.fc2.weight`, [width, hidden]);
  shapes.set(`${prefix}.fc2.bias`, [width]);
}

/** Every `<prefix>.encoder.layers.<i>.` tensor: q/k/v/out projections, two LayerNorms and the MLP. */
export function addEncoderLayerShapes(shapes: Map<string, number[]>, prefix: string, tower: TowerConfig): void {
  const { hiddenSize: width, intermediateSize: mlp } = tower;
  for (let layer = 0; layer < tower.numHiddenLayers; layer++) {
    const at = `${prefix}.encoder.layers.${layer}`;
    for (const projection of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
      shapes.set(`${at}.self_attn.${projection}.weight`, [width, width]);
      shapes.set(`${at}.self_attn.${projection}.bias`, [width]);
    }
    addLayerNormShapes(shapes, `${at}.layer_norm1`, width);
    addLayerNormShapes(shapes, `${at}.layer_norm2`, width);
    addMlpShapes(shapes, `${at}.mlp`, width, mlp);
  }
}
