import * as tf from '@tensorflow/tfjs-core';
import type { TextConfig } from '../../../model/clipConfig.js';
import { layerNorm } from '../../tfjsBlocks/layers.js';
import { residualAttentionBlock } from '../../tfjsBlocks/residualAttentionBlock.js';
import type { TextParams } from './uploadClipParams.js';

/** Additive causal mask: 0 on and below the diagonal, -inf above. */
function causalMask(length: number): tf.Tensor2D {
  const mask = new Float32Array(length * length);
  for (let i = 0; i < length; i++) mask.fill(-Infinity, i * length + i + 1, (i + 1) * length);
  return tf.tensor2d(mask, [length, length]);
}

/**
 * OpenAI's `encode_text`: token + position embeddings, causal transformer, ln_final, the
 * row at each pooled position, projection. Because attention is causal, positions after the
 * last pooled one cannot change the result, so the sequence is cut there.
 * @param inputIds `count x contextLength` ids (checked against the vocabulary by the caller).
 * @param pooled per row, the position to read (see poolPositions).
 * @returns [count, projectionDim] projected, not normalised. Call inside tf.tidy.
 */
export function encodeTexts(inputIds: Int32Array, count: number, pooled: Int32Array, p: TextParams, config: TextConfig): tf.Tensor2D {
  const contextLength = config.maxPositionEmbeddings;
  const length = Math.max(...pooled) + 1;
  const ids = new Int32Array(count * length);
  for (let r = 0; r < count; r++) ids.set(inputIds.subarray(r * contextLength, r * contextLength + length), r * length);

  const tokens = tf.gather(p.tokenEmbedding, tf.tensor1d(ids, 'int32'));
  const positions = tf.slice(p.positionEmbedding, [0, 0], [length, config.hiddenSize]);
  let x = tf.add(tf.reshape(tokens, [count, length, config.hiddenSize]), positions) as tf.Tensor3D;
  const mask = causalMask(length);
  for (const block of p.blocks) x = residualAttentionBlock(x, block, config, mask);

  const rows = Int32Array.from(pooled, (pos, r) => r * length + pos);
  const pooledRows = tf.gather(tf.reshape(x, [count * length, config.hiddenSize]), tf.tensor1d(rows, 'int32')) as tf.Tensor2D;
  return tf.matMul(layerNorm(pooledRows, p.finalLnGamma, p.finalLnBeta, config.layerNormEps) as tf.Tensor2D, p.projection);
}
