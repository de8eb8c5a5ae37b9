import * as tf from '@tensorflow/tfjs-core';
import type { ClipConfig } from '../../../model/clipConfig.js';
import type { WeightMap } from '../../../model/weightMap.js';
import { disposeTensorsOf, uploadEncoderBlocks, weightReader, type BlockParams } from '../../tfjsBlocks/uploadWeights.js';

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
