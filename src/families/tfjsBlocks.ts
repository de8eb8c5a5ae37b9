import * as tf from '@tensorflow/tfjs-core';
import { ModelLoadError } from '../errors/errors.js';
import type { HiddenAct, TowerConfig } from '../model/towerConfig.js';
import type { WeightMap, WeightTensor } from '../model/weightMap.js';

/**
 * tfjs-core building blocks that the families' encoders share: uploading Hugging Face-named
 * weights, LayerNorm, Linear and the MLP activations, cutting images into patches, and the
 * pre-norm residual attention block.
 */

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
  const qkvWeight = tf.tidy<tf.Tensor2D>(() =>
    tf.concat(['q_proj', 'k_proj', 'v_proj'].map((p) => read.linearWeight(`${attn}.${p}.weight`)), 1),
  );
  const qkvBias = tf.tidy<tf.Tensor1D>(() => tf.concat(['q_proj', 'k_proj', 'v_proj'].map((p) => read.vector(`${attn}.${p}.bias`))));
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
  if (value instanceof tf.Tensor) into.push(value as tf.Tensor);
  else if (Array.isArray(value)) value.forEach((v) => collectTensors(v, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collectTensors(v, into));
}

/** Frees every tensor found anywhere inside `params` (nested objects and arrays). */
export function disposeTensorsOf(params: object): void {
  const tensors: tf.Tensor[] = [];
  collectTensors(params, tensors);
  tf.dispose(tensors);
}

/** LayerNorm over the last axis, as torch.nn.LayerNorm (biased variance). */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): tf.Tensor {
  const axis = x.rank - 1;
  const { mean, variance } = tf.moments(x, axis, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);
}

/** `x @ weight + bias` on the last axis; `weight` is [in, out] (already transposed at upload). */
export function linear(x: tf.Tensor, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor {
  const inFeatures = weight.shape[0];
  const outFeatures = weight.shape[1];
  const flat = tf.reshape<tf.Rank.R2>(x, [-1, inFeatures]);
  const product = tf.matMul(flat, weight);
  const withBias = bias === undefined ? product : tf.add(product, bias);
  return tf.reshape(withBias, [...x.shape.slice(0, -1), outFeatures]);
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** The MLP activations CLIP checkpoints name in `hidden_act`. */
export function activate(x: tf.Tensor, act: HiddenAct): tf.Tensor {
  switch (act) {
    case 'quick_gelu':
      return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
    case 'gelu':
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
    case 'gelu_new':
    case 'gelu_pytorch_tanh': {
      const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI);
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
    }
    case 'relu':
      return tf.relu(x);
  }
}

/**
 * Cuts NCHW images into non-overlapping square patches, one row per patch, each row in
 * (channel, y, x) order - the order of a flattened Conv2d kernel [width, C, P, P]. This turns
 * CLIP's stride-P convolution into one matrix product.
 * @returns `count * grid * grid` rows of `channels * patch * patch` floats.
 */
export function patchify(pixels: Float32Array, count: number, channels: number, size: number, patch: number): Float32Array {
  const grid = size / patch;
  const rowLength = channels * patch * patch;
  const out = new Float32Array(count * grid * grid * rowLength);
  let o = 0;
  for (let b = 0; b < count; b++) {
    for (let gy = 0; gy < grid; gy++) {
      for (let gx = 0; gx < grid; gx++) {
        for (let c = 0; c < channels; c++) {
          const plane = (b * channels + c) * size * size;
          for (let py = 0; py < patch; py++) {
            const start = plane + (gy * patch + py) * size + gx * patch;
            out.set(pixels.subarray(start, start + patch), o);
            o += patch;
          }
        }
      }
    }
  }
  return out;
}

/** [batch, seq, width] -> [batch, heads, seq, headDim]. */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor4D {
  const [batch = 0, seq = 0, width = 0] = x.shape;
  return tf.transpose(tf.reshape(x, [batch, seq, heads, width / heads]), [0, 2, 1, 3]);
}

/**
 * One pre-norm transformer block as in OpenAI's `ResidualAttentionBlock`:
 * `x + attn(ln_1(x))`, then `x + mlp(ln_2(x))`.
 * @param x [batch, seq, width]
 * @param mask additive [seq, seq] attention mask (causal for text), or undefined.
 */
export function residualAttentionBlock(x: tf.Tensor3D, p: BlockParams, config: TowerConfig, mask?: tf.Tensor2D): tf.Tensor3D {
  const [batch = 0, seq = 0, width = 0] = x.shape;
  const heads = config.numAttentionHeads;
  const headDim = width / heads;

  const h = layerNorm(x, p.ln1Gamma, p.ln1Beta, config.layerNormEps);
  const [q, k, v] = tf.split(linear(h, p.qkvWeight, p.qkvBias), 3, 2) as [tf.Tensor, tf.Tensor, tf.Tensor];
  const qh = splitHeads(tf.mul(q, 1 / Math.sqrt(headDim)), heads);
  const scores = tf.matMul(qh, splitHeads(k, heads), false, true);
  const probs = tf.softmax(mask === undefined ? scores : tf.add(scores, mask));
  const context = tf.reshape(tf.transpose(tf.matMul(probs, splitHeads(v, heads)), [0, 2, 1, 3]), [batch, seq, width]);
  const afterAttention = tf.add(x, linear(context, p.outWeight, p.outBias));

  const h2 = layerNorm(afterAttention, p.ln2Gamma, p.ln2Beta, config.layerNormEps);
  const mlp = linear(activate(linear(h2, p.fc1Weight, p.fc1Bias), config.hiddenAct), p.fc2Weight, p.fc2Bias);
  return tf.add<tf.Tensor3D>(afterAttention, mlp);
}
