import * as tf from '@tensorflow/tfjs-core';
import type { TowerConfig } from '../../model/clipConfig.js';
import { activate, layerNorm, linear } from './layers.js';
import type { BlockParams } from './uploadWeights.js';

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
  return tf.add(afterAttention, mlp) as tf.Tensor3D;
}
