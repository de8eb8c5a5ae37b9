import type { ModelConfig } from '../families/modelConfig.js';
import { familyOf } from '../families/modelFamilies.js';
import type { WeightPrecision } from './exportContext.js';

/** Which checkpoint tensors each exported tower stores (SigLIP's heads are `<tower>_model.head.*`). */
const towerPrefixes = {
  vision: ['vision_model.', 'visual_projection.'],
  text: ['text_model.', 'text_projection.'],
} as const;

/**
 * Whether q8 stores the tensor `name` as int8: the matrices of the encoder's Linear layers, the
 * patch embedding, and SigLIP's vision pooling head (its fused `in_proj_weight`, out_proj and
 * MLP). Projections, SigLIP's text head, embeddings, norms and biases stay float32.
 */
function storedAsInt8(name: string, shape: readonly number[]): boolean {
  if (shape.length < 2) return false;
  if (name.endsWith('.in_proj_weight')) return true;
  const inQuantizedBlock = name.includes('.encoder.layers.') || name.includes('patch_embedding') || name.startsWith('vision_model.head.');
  return inQuantizedBlock && name.endsWith('.weight');
}

/**
 * Bytes of weights one exported tower will hold, from the config alone (so a model too large
 * for one ONNX file is refused before any work): float32 everywhere, except that q8 stores the
 * tensors storedAsInt8 names as one byte per value. Within a few percent: the graphs add small
 * constants, and SigLIP's vision head stores the probe's projected query in place of its
 * in_proj query rows (an overestimate of width^2 values).
 */
export function towerWeightBytes(config: ModelConfig, tower: 'vision' | 'text', precision: WeightPrecision): number {
  let bytes = 0;
  for (const [name, shape] of familyOf(config).expectedWeightShapes(config)) {
    if (!towerPrefixes[tower].some((prefix) => name.startsWith(prefix))) continue;
    const values = shape.reduce((a, b) => a * b, 1);
    bytes += precision === 'q8' && storedAsInt8(name, shape) ? values : 4 * values;
  }
  return bytes;
}
