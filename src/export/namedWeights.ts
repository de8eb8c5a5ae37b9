import { ModelLoadError } from '../errors/ModelLoadError.js';
import type { WeightMap, WeightTensor } from '../model/weightMap.js';
import type { LinearLayer } from './linearNodes.js';

/** A LayerNorm's parameters under its HF name prefix (`.weight` = gamma, `.bias` = beta). */
export interface NormLayer {
  readonly name: string;
  readonly gamma: WeightTensor;
  readonly beta: WeightTensor;
}

/** Lookups of HF-named tensors, grouped the way the graph builders use them. */
export interface NamedWeights {
  tensor(name: string): WeightTensor;
  norm(name: string): NormLayer;
  /** `<name>.weight` [out, in] and, unless `withBias` is false, `<name>.bias`. */
  linear(name: string, withBias?: boolean): LinearLayer;
}

/**
 * Lookups into `weights`. The loader has checked every name and shape against the config,
 * so a miss means the weights did not come through loadModel; it still fails clearly.
 */
export function namedWeights(weights: WeightMap): NamedWeights {
  const tensor = (name: string): WeightTensor => {
    const found = weights.get(name);
    if (found === undefined) throw new ModelLoadError(`Cannot export to ONNX: the weights have no tensor '${name}'`, name);
    return found;
  };
  return {
    tensor,
    norm: (name) => ({ name, gamma: tensor(`${name}.weight`), beta: tensor(`${name}.bias`) }),
    linear: (name, withBias = true) => ({ name, weight: tensor(`${name}.weight`), bias: withBias ? tensor(`${name}.bias`) : undefined }),
  };
}
