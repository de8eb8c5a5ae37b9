import * as tf from '@tensorflow/tfjs-core';
import type { VisionConfig } from '../../../model/clipConfig.js';
import { layerNorm } from '../../tfjsBlocks/layers.js';
import { patchify } from '../../tfjsBlocks/patchify.js';
import { residualAttentionBlock } from '../../tfjsBlocks/residualAttentionBlock.js';
import type { VisionParams } from './uploadClipParams.js';

/**
 * OpenAI's `VisionTransformer.forward`: patch embedding, class token, positions, ln_pre,
 * transformer, ln_post on the class token, projection.
 * @param pixels `count x C x S x S` normalised float32 (NCHW).
 * @returns [count, projectionDim] projected, not normalised. Call inside tf.tidy.
 */
export function encodeImages(pixels: Float32Array, count: number, p: VisionParams, config: VisionConfig): tf.Tensor2D {
  const { numChannels, imageSize, patchSize, hiddenSize } = config;
  const patchesPerImage = (imageSize / patchSize) ** 2;
  const rows = patchify(pixels, count, numChannels, imageSize, patchSize);
  const patches = tf.tensor2d(rows, [count * patchesPerImage, numChannels * patchSize * patchSize]);
  const patchEmbeddings = tf.reshape(tf.matMul(patches, p.patchWeight), [count, patchesPerImage, hiddenSize]);
  const classTokens = tf.tile(tf.reshape(p.classEmbedding, [1, 1, hiddenSize]), [count, 1, 1]);
  let x = tf.add(tf.concat([classTokens, patchEmbeddings], 1), p.positionEmbedding) as tf.Tensor3D;
  x = layerNorm(x, p.preLnGamma, p.preLnBeta, config.layerNormEps) as tf.Tensor3D;
  for (const block of p.blocks) x = residualAttentionBlock(x, block, config);
  const classOut = tf.reshape(tf.slice(x, [0, 0, 0], [count, 1, hiddenSize]), [count, hiddenSize]);
  return tf.matMul(layerNorm(classOut, p.postLnGamma, p.postLnBeta, config.layerNormEps) as tf.Tensor2D, p.projection);
}
