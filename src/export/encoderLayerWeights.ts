import type { LinearLayer } from './linearNodes.js';
import type { NamedWeights, NormLayer } from './namedWeights.js';

/** The tensors of one `CLIPEncoderLayer`, q/k/v kept apart (subgraphs stack them as they need). */
export interface EncoderLayerWeights {
  readonly name: string;
  readonly norm1: NormLayer;
  readonly q: LinearLayer;
  readonly k: LinearLayer;
  readonly v: LinearLayer;
  readonly out: LinearLayer;
  readonly norm2: NormLayer;
  readonly fc1: LinearLayer;
  readonly fc2: LinearLayer;
}

/** The layers of `<tower>.encoder.layers.*` in order, e.g. tower `vision_model`. */
export function encoderLayerWeights(weights: NamedWeights, tower: string, count: number): EncoderLayerWeights[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${tower}.encoder.layers.${i}`;
    return {
      name,
      norm1: weights.norm(`${name}.layer_norm1`),
      q: weights.linear(`${name}.self_attn.q_proj`),
      k: weights.linear(`${name}.self_attn.k_proj`),
      v: weights.linear(`${name}.self_attn.v_proj`),
      out: weights.linear(`${name}.self_attn.out_proj`),
      norm2: weights.norm(`${name}.layer_norm2`),
      fc1: weights.linear(`${name}.mlp.fc1`),
      fc2: weights.linear(`${name}.mlp.fc2`),
    };
  });
}
