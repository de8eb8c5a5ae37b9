import type { TowerConfig } from './clipConfig.js';

/**
 * Shapes of the tensor groups CLIP and SigLIP checkpoints share (Hugging Face names), added to a
 * family's map of expected weights. Linear weights are [out, in].
 */

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
