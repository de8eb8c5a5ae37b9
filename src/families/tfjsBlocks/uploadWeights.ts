import * as tf from '@tensorflow/tfjs-core';
import { ModelLoadError } from '../../errors/ModelLoadError.js';
import type { WeightMap, WeightTensor } from '../../model/weightMap.js';

/** One pre-norm residual attention block, with linear weights stored [in, out]. */
export interface BlockParams {
  readonly ln1Gamma: tf.Tensor1D;
  readonly ln1Beta: tf.Tensor1D;
  /** q, k and v projections fused: [width, 3 * width]. */
  readonly qkvWeight: tf.Tensor2D;
  readonly qkvBias: tf.Tensor1D;
  readonly outWeight: tf.Tensor2D;
  readonly outBias: tf.Tensor1D;
  readonly ln2Gamma: tf.Tensor1D;
  readonly ln2Beta: tf.Tensor1D;
  readonly fc1Weight: tf.Tensor2D;
  readonly fc1Bias: tf.Tensor1D;
  readonly fc2Weight: tf.Tensor2D;
  readonly fc2Bias: tf.Tensor1D;
}

/** Reads named tensors of a WeightMap onto the current tfjs backend. */
export interface WeightReader {
  raw(name: string): WeightTensor;
  vector(name: string): tf.Tensor1D;
  matrix(name: string, shape: [number, number]): tf.Tensor2D;
  /** A torch Linear weight [out, in] uploaded as [in, out]. */
  linearWeight(name: string): tf.Tensor2D;
  /** The single value of a scalar (or one-element) tensor, e.g. `logit_scale`. */
  scalar(name: string): number;
}

export function weightReader(weights: WeightMap): WeightReader {
  const raw = (name: string): WeightTensor => {
    const w = weights.get(name);
    if (w === undefined) throw new ModelLoadError(`Missing weight tensor '${name}'.`);
    return w;
  };
  return {
    raw,
    vector: (name) => tf.tensor1d(raw(name).data),
    matrix: (name, shape) => tf.tensor2d(raw(name).data, shape),
    linearWeight: (name) => {
      const w = raw(name);
      const [out = 0, inn = 0] = w.shape;
      return tf.tidy(() => tf.transpose(tf.tensor2d(w.data, [out, inn])));
    },
    scalar: (name) => {
      const value = raw(name).data[0];
      if (value === undefined) throw new ModelLoadError(`Weight tensor '${name}' is empty.`);
      return value;
    },
  };
}

function uploadBlock(read: WeightReader, prefix: string): BlockParams {
  const attn = `${prefix}.self_attn`;
  const qkvWeight = tf.tidy(() =>
    tf.concat(['q_proj', 'k_proj', 'v_proj'].map((p) => read.linearWeight(`${attn}.${p}.weight`)), 1),
  ) as tf.Tensor2D;
  const qkvBias = tf.tidy(() => tf.concat(['q_proj', 'k_proj', 'v_proj'].map((p) => read.vector(`${attn}.${p}.bias`)))) as tf.Tensor1D;
  return {
    ln1Gamma: read.vector(`${prefix}.layer_norm1.weight`),
    ln1Beta: read.vector(`${prefix}.layer_norm1.bias`),
    qkvWeight,
    qkvBias,
    outWeight: read.linearWeight(`${attn}.out_proj.weight`),
    outBias: read.vector(`${attn}.out_proj.bias`),
    ln2Gamma: read.vector(`${prefix}.layer_norm2.weight`),
    ln2Beta: read.vector(`${prefix}.layer_norm2.bias`),
    fc1Weight: read.linearWeight(`${prefix}.mlp.fc1.weight`),
    fc1Bias: read.vector(`${prefix}.mlp.fc1.bias`),
    fc2Weight: read.linearWeight(`${prefix}.mlp.fc2.weight`),
    fc2Bias: read.vector(`${prefix}.mlp.fc2.bias`),
  };
}

/** The `layers` encoder blocks of a tower (`<tower>.encoder.layers.<i>.*`, the names CLIP and SigLIP share). */
export function uploadEncoderBlocks(read: WeightReader, tower: string, layers: number): BlockParams[] {
  return Array.from({ length: layers }, (_, i) => uploadBlock(read, `${tower}.encoder.layers.${i}`));
}

function collectTensors(value: unknown, into: tf.Tensor[]): void {
  if (value instanceof tf.Tensor) into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectTensors(v, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collectTensors(v, into));
}

/** Frees every tensor found anywhere inside `params` (nested objects and arrays). */
export function disposeTensorsOf(params: object): void {
  const tensors: tf.Tensor[] = [];
  collectTensors(params, tensors);
  tf.dispose(tensors);
}
