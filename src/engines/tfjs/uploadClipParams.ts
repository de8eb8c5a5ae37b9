import * as tf from '@tensorflow/tfjs-core';
import { ModelLoadError } from '../../errors/ModelLoadError.js';
import type { ClipConfig } from '../../model/clipConfig.js';
import type { WeightMap } from '../../model/weightMap.js';

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

function makeReader(weights: WeightMap) {
  const raw = (name: string) => {
    const w = weights.get(name);
    if (w === undefined) throw new ModelLoadError(`Missing weight tensor '${name}'.`);
    return w;
  };
  const vector = (name: string): tf.Tensor1D => tf.tensor1d(raw(name).data);
  const matrix = (name: string, shape: [number, number]): tf.Tensor2D => tf.tensor2d(raw(name).data, shape);
  /** A torch Linear weight [out, in] uploaded as [in, out]. */
  const linearWeight = (name: string): tf.Tensor2D => {
    const w = raw(name);
    const [out = 0, inn = 0] = w.shape;
    return tf.tidy(() => tf.transpose(tf.tensor2d(w.data, [out, inn])));
  };
  return { raw, vector, matrix, linearWeight };
}

function uploadBlock(read: ReturnType<typeof makeReader>, prefix: string): BlockParams {
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

function uploadBlocks(read: ReturnType<typeof makeReader>, tower: string, layers: number): BlockParams[] {
  return Array.from({ length: layers }, (_, i) => uploadBlock(read, `${tower}.encoder.layers.${i}`));
}

/**
 * Uploads a WeightMap (Hugging Face CLIPModel names) to tfjs tensors in the layout the
 * encoders use. The caller owns the result and frees it with {@link disposeClipParams}.
 */
export function uploadClipParams(weights: WeightMap, config: ClipConfig): ClipParams {
  const read = makeReader(weights);
  const { vision, text } = config;
  const patchInputs = vision.numChannels * vision.patchSize * vision.patchSize;
  const numPositions = (vision.imageSize / vision.patchSize) ** 2 + 1;
  const logitScale = read.raw('logit_scale').data[0];
  if (logitScale === undefined) throw new ModelLoadError("Weight tensor 'logit_scale' is empty.");
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
      blocks: uploadBlocks(read, 'vision_model', vision.numHiddenLayers),
      postLnGamma: read.vector('vision_model.post_layernorm.weight'),
      postLnBeta: read.vector('vision_model.post_layernorm.bias'),
      projection: read.linearWeight('visual_projection.weight'),
    },
    text: {
      tokenEmbedding: read.matrix('text_model.embeddings.token_embedding.weight', [text.vocabSize, text.hiddenSize]),
      positionEmbedding: read.matrix('text_model.embeddings.position_embedding.weight', [text.maxPositionEmbeddings, text.hiddenSize]),
      blocks: uploadBlocks(read, 'text_model', text.numHiddenLayers),
      finalLnGamma: read.vector('text_model.final_layer_norm.weight'),
      finalLnBeta: read.vector('text_model.final_layer_norm.bias'),
      projection: read.linearWeight('text_projection.weight'),
    },
  };
}

function collectTensors(value: unknown, into: tf.Tensor[]): void {
  if (value instanceof tf.Tensor) into.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectTensors(v, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collectTensors(v, into));
}

/** Frees every tensor of `params`. */
export function disposeClipParams(params: ClipParams): void {
  const tensors: tf.Tensor[] = [];
  collectTensors(params, tensors);
  tf.dispose(tensors);
}
