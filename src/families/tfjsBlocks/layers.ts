import * as tf from '@tensorflow/tfjs-core';
import type { HiddenAct } from '../../model/clipConfig.js';

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
  const flat = tf.reshape(x, [-1, inFeatures]) as tf.Tensor2D;
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
