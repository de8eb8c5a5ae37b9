import * as tf from '@tensorflow/tfjs-core';
import type { VisionConfig } from '../../model/towerConfig.js';
import type { WeightMap } from '../../model/weightMap.js';
import type { TfjsDualEncoder } from '../modelFamily.js';
import {
  disposeTensorsOf,
  layerNorm,
  patchify,
  residualAttentionBlock,
  uploadEncoderBlocks,
  weightReader,
  type BlockParams,
} from '../tfjsBlocks.js';
import type { ClipConfig, TextConfig } from './clipConfig.js';

/**
 * OpenAI CLIP's two encoders as tfjs-core graphs: the weights uploaded in the layout they use, the
 * image tower, the text tower and where a text's embedding is read. clipFamily imports it lazily.
 */

export interface VisionParams {
  /** Patch embedding as a matrix: [3 * patch * patch, width], rows in (channel, y, x) order. */
  readonly patchWeight: tf.Tensor2D;
  readonly classEmbedding: tf.Tensor1D;
  readonly positionEmbedding: tf.Tensor2D;
  readonly preLnGamma: tf.Tensor1D;
  readonly preLnBeta: tf.Tensor1D;
  readonly blocks: readonly BlockParams[];
  readonly postLnGamma: tf.Tensor1D;
  readonly postLnBeta: tf.Tensor1D;
  /** [width, projectionDim]. */
  readonly projection: tf.Tensor2D;
}

export interface TextParams {
  readonly tokenEmbedding: tf.Tensor2D;
  readonly positionEmbedding: tf.Tensor2D;
  readonly blocks: readonly BlockParams[];
  readonly finalLnGamma: tf.Tensor1D;
  readonly finalLnBeta: tf.Tensor1D;
  /** [width, projectionDim]. */
  readonly projection: tf.Tensor2D;
}

export interface ClipParams {
  readonly vision: VisionParams;
  readonly text: TextParams;
  /** The raw `logit_scale` parameter (its exp multiplies cosine similarities). */
  readonly logitScale: number;
}

/** OpenAI CLIP's encoders over `weights` uploaded to the current tfjs backend. */
export function createClipTfjsEncoder(weights: WeightMap, config: ClipConfig): TfjsDualEncoder {
  const params = uploadClipParams(weights, config);
  const { maxPositionEmbeddings: contextLength, eosTokenId } = config.text;
  return {
    encodeImages: (pixels, count) => encodeImages(pixels, count, params.vision, config.vision),
    encodeTexts: (inputIds, count) =>
      encodeTexts(inputIds, count, poolPositions(inputIds, count, contextLength, eosTokenId), params.text, config.text),
    dispose: () => disposeClipParams(params),
  };
}

/**
 * Uploads a WeightMap (Hugging Face CLIPModel names) to tfjs tensors in the layout the
 * encoders use. The caller owns the result and frees it with {@link disposeClipParams}.
 */
export function uploadClipParams(weights: WeightMap, config: ClipConfig): ClipParams {
  const read = weightReader(weights);
  const { vision, text } = config;
  const patchInputs = vision.numChannels * vision.patchSize * vision.patchSize;
  const numPositions = (vision.imageSize / vision.patchSize) ** 2 + 1;
  const logitScale = read.scalar('logit_scale');
  return {
    logitScale,
    vision: {
      patchWeight: tf.tidy(() =>
        tf.transpose(tf.tensor2d(read.raw('vision_model.embeddings.patch_embedding.weight').data, [vision.hiddenSize, patchInputs])),
      ),
      classEmbedding: read.vector('vision_model.embeddings.class_embedding'),
      positionEmbedding: read.matrix('vision_model.embeddings.position_embedding.weight', [numPositions, vision.hiddenSize]),
      preLnGamma: read.vector('vision_model.pre_layrnorm.weight'),
      preLnBeta: read.vector('vision_model.pre_layrnorm.bias'),
      blocks: uploadEncoderBlocks(read, 'vision_model', vision.numHiddenLayers),
      postLnGamma: read.vector('vision_model.post_layernorm.weight'),
      postLnBeta: read.vector('vision_model.post_layernorm.bias'),
      projection: read.linearWeight('visual_projection.weight'),
    },
    text: {
      tokenEmbedding: read.matrix('text_model.embeddings.token_embedding.weight', [text.vocabSize, text.hiddenSize]),
      positionEmbedding: read.matrix('text_model.embeddings.position_embedding.weight', [text.maxPositionEmbeddings, text.hiddenSize]),
      blocks: uploadEncoderBlocks(read, 'text_model', text.numHiddenLayers),
      finalLnGamma: read.vector('text_model.final_layer_norm.weight'),
      finalLnBeta: read.vector('text_model.final_layer_norm.bias'),
      projection: read.linearWeight('text_projection.weight'),
    },
  };
}

/** Frees every tensor of `params`. */
export function disposeClipParams(params: ClipParams): void {
  disposeTensorsOf(params);
}

/**
 * Where each row's text embedding is read: the first `<|endoftext|>` (the eos id), or, when a
 * row has none, `argmax(input_ids)` as OpenAI's `encode_text` does.
 */
export function poolPositions(inputIds: Int32Array, count: number, contextLength: number, eosTokenId: number): Int32Array {
  const positions = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const row = inputIds.subarray(r * contextLength, (r + 1) * contextLength);
    let eos = row.indexOf(eosTokenId);
    if (eos < 0) {
      eos = 0;
      for (let i = 1; i < contextLength; i++) if ((row[i] ?? 0) > (row[eos] ?? 0)) eos = i;
    }
    positions[r] = eos;
  }
  return positions;
}

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
  let x = tf.add<tf.Tensor3D>(tf.concat([classTokens, patchEmbeddings], 1), p.positionEmbedding);
  x = layerNorm(x, p.preLnGamma, p.preLnBeta, config.layerNormEps) as tf.Tensor3D;
  for (const block of p.blocks) x = residualAttentionBlock(x, block, config);
  const classOut = tf.reshape(tf.slice(x, [0, 0, 0], [count, 1, hiddenSize]), [count, hiddenSize]);
  return tf.matMul(layerNorm(classOut, p.postLnGamma, p.postLnBeta, config.layerNormEps), p.projection);
}

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
  let x = tf.add<tf.Tensor3D>(tf.reshape(tokens, [count, length, config.hiddenSize]), positions);
  const mask = causalMask(length);
  for (const block of p.blocks) x = residualAttentionBlock(x, block, config, mask);

  const rows = Int32Array.from(pooled, (pos, r) => r * length + pos);
  const pooledRows = tf.gather<tf.Tensor2D>(tf.reshape(x, [count * length, config.hiddenSize]), tf.tensor1d(rows, 'int32'));
  return tf.matMul(layerNorm(pooledRows, p.finalLnGamma, p.finalLnBeta, config.layerNormEps), p.projection);
}
