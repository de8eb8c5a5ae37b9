import * as tf from '@tensorflow/tfjs-core';
import type { WeightMap } from '../../model/weightMap.js';
import type { TfjsDualEncoder } from '../modelFamily.js';
import {
  activate,
  disposeTensorsOf,
  layerNorm,
  linear,
  patchify,
  residualAttentionBlock,
  uploadEncoderBlocks,
  weightReader,
  type BlockParams,
  type WeightReader,
} from '../tfjsBlocks.js';
import type { SiglipConfig } from './siglipConfig.js';

interface LayerNormParams {
  readonly gamma: tf.Tensor1D;
  readonly beta: tf.Tensor1D;
}

/** `SiglipMultiheadAttentionPoolingHead`: a learned probe attends over the patches, then LN + MLP with a residual. */
interface PoolingHeadParams {
  /** The probe's query, already projected: [1, width]. */
  readonly query: tf.Tensor2D;
  /** k and v projections fused: [width, 2 * width]. */
  readonly kvWeight: tf.Tensor2D;
  readonly kvBias: tf.Tensor1D;
  readonly outWeight: tf.Tensor2D;
  readonly outBias: tf.Tensor1D;
  readonly norm: LayerNormParams;
  readonly fc1Weight: tf.Tensor2D;
  readonly fc1Bias: tf.Tensor1D;
  readonly fc2Weight: tf.Tensor2D;
  readonly fc2Bias: tf.Tensor1D;
}

interface SiglipVisionParams {
  /** Patch embedding as a matrix: [C * patch * patch, width], rows in (channel, y, x) order. */
  readonly patchWeight: tf.Tensor2D;
  readonly patchBias: tf.Tensor1D;
  readonly positionEmbedding: tf.Tensor2D;
  readonly blocks: readonly BlockParams[];
  readonly postNorm: LayerNormParams;
  readonly head: PoolingHeadParams;
}

interface SiglipTextParams {
  readonly tokenEmbedding: tf.Tensor2D;
  readonly positionEmbedding: tf.Tensor2D;
  readonly blocks: readonly BlockParams[];
  readonly finalNorm: LayerNormParams;
  readonly headWeight: tf.Tensor2D;
  readonly headBias: tf.Tensor1D;
}

function layerNormParams(read: WeightReader, name: string): LayerNormParams {
  return { gamma: read.vector(`${name}.weight`), beta: read.vector(`${name}.bias`) };
}

/** Rows [from, from + count) of a fused [3W, W] torch in_proj weight, as an [in, out] matrix. */
function inProjSlice(read: WeightReader, from: number, count: number): tf.Tensor2D {
  const w = read.raw('vision_model.head.attention.in_proj_weight');
  const width = w.shape[1] ?? 0;
  return tf.tidy(() => tf.transpose(tf.tensor2d(w.data.subarray(from * width, (from + count) * width), [count, width])));
}

function uploadHead(read: WeightReader, width: number): PoolingHeadParams {
  const bias = read.raw('vision_model.head.attention.in_proj_bias').data;
  const query = tf.tidy(() => {
    const probe = tf.tensor2d(read.raw('vision_model.head.probe').data, [1, width]);
    return tf.add<tf.Tensor2D>(tf.matMul(probe, inProjSlice(read, 0, width)), tf.tensor1d(bias.subarray(0, width)));
  });
  return {
    query,
    kvWeight: inProjSlice(read, width, 2 * width),
    kvBias: tf.tensor1d(bias.subarray(width, 3 * width)),
    outWeight: read.linearWeight('vision_model.head.attention.out_proj.weight'),
    outBias: read.vector('vision_model.head.attention.out_proj.bias'),
    norm: layerNormParams(read, 'vision_model.head.layernorm'),
    fc1Weight: read.linearWeight('vision_model.head.mlp.fc1.weight'),
    fc1Bias: read.vector('vision_model.head.mlp.fc1.bias'),
    fc2Weight: read.linearWeight('vision_model.head.mlp.fc2.weight'),
    fc2Bias: read.vector('vision_model.head.mlp.fc2.bias'),
  };
}

function uploadVision(read: WeightReader, config: SiglipConfig): SiglipVisionParams {
  const { hiddenSize: width, numChannels, patchSize, imageSize, numHiddenLayers } = config.vision;
  const patchInputs = numChannels * patchSize * patchSize;
  return {
    patchWeight: tf.tidy(() => tf.transpose(tf.tensor2d(read.raw('vision_model.embeddings.patch_embedding.weight').data, [width, patchInputs]))),
    patchBias: read.vector('vision_model.embeddings.patch_embedding.bias'),
    positionEmbedding: read.matrix('vision_model.embeddings.position_embedding.weight', [(imageSize / patchSize) ** 2, width]),
    blocks: uploadEncoderBlocks(read, 'vision_model', numHiddenLayers),
    postNorm: layerNormParams(read, 'vision_model.post_layernorm'),
    head: uploadHead(read, width),
  };
}

function uploadText(read: WeightReader, config: SiglipConfig): SiglipTextParams {
  const { vocabSize, hiddenSize, maxPositionEmbeddings, numHiddenLayers } = config.text;
  return {
    tokenEmbedding: read.matrix('text_model.embeddings.token_embedding.weight', [vocabSize, hiddenSize]),
    positionEmbedding: read.matrix('text_model.embeddings.position_embedding.weight', [maxPositionEmbeddings, hiddenSize]),
    blocks: uploadEncoderBlocks(read, 'text_model', numHiddenLayers),
    finalNorm: layerNormParams(read, 'text_model.final_layer_norm'),
    headWeight: read.linearWeight('text_model.head.weight'),
    headBias: read.vector('text_model.head.bias'),
  };
}

/**
 * The pooling head: one query (the projected probe, shared by every image) attends over the
 * patches with `heads` heads (torch `nn.MultiheadAttention`), then `x + mlp(layernorm(x))`.
 * @param x [count, patches, width] after post_layernorm. @returns [count, width].
 */
function poolWithProbe(x: tf.Tensor3D, p: PoolingHeadParams, config: SiglipConfig): tf.Tensor2D {
  const { hiddenSize: width, numAttentionHeads: heads, layerNormEps, hiddenAct } = config.vision;
  const [count = 0, patches = 0] = x.shape;
  const headDim = width / heads;
  const [k, v] = tf.split(linear(x, p.kvWeight, p.kvBias), 2, 2) as [tf.Tensor, tf.Tensor];
  const byHead = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [count, patches, heads, headDim]), [0, 2, 1, 3]);
  const query = tf.reshape(tf.mul(p.query, 1 / Math.sqrt(headDim)), [1, heads, 1, headDim]);
  const scores = tf.matMul(tf.tile(query, [count, 1, 1, 1]), byHead(k), false, true);
  const context = tf.reshape(tf.matMul(tf.softmax(scores), byHead(v)), [count, width]);
  const attended = linear(context, p.outWeight, p.outBias);
  const normed = layerNorm(attended, p.norm.gamma, p.norm.beta, layerNormEps);
  const mlp = linear(activate(linear(normed, p.fc1Weight, p.fc1Bias), hiddenAct), p.fc2Weight, p.fc2Bias);
  return tf.add<tf.Tensor2D>(attended, mlp);
}

function encodeImages(pixels: Float32Array, count: number, p: SiglipVisionParams, config: SiglipConfig): tf.Tensor2D {
  const { numChannels, imageSize, patchSize, hiddenSize, layerNormEps } = config.vision;
  const patchesPerImage = (imageSize / patchSize) ** 2;
  const rows = tf.tensor2d(patchify(pixels, count, numChannels, imageSize, patchSize), [count * patchesPerImage, numChannels * patchSize * patchSize]);
  const embedded = tf.reshape(tf.add(tf.matMul(rows, p.patchWeight), p.patchBias), [count, patchesPerImage, hiddenSize]);
  let x = tf.add<tf.Tensor3D>(embedded, p.positionEmbedding);
  for (const block of p.blocks) x = residualAttentionBlock(x, block, config.vision);
  return poolWithProbe(layerNorm(x, p.postNorm.gamma, p.postNorm.beta, layerNormEps) as tf.Tensor3D, p.head, config);
}

/** Bidirectional encoder (no causal mask) over every position; the LAST position's state goes through the head. */
function encodeTexts(inputIds: Int32Array, count: number, p: SiglipTextParams, config: SiglipConfig): tf.Tensor2D {
  const { maxPositionEmbeddings: length, hiddenSize, layerNormEps } = config.text;
  const tokens = tf.reshape(tf.gather(p.tokenEmbedding, tf.tensor1d(inputIds, 'int32')), [count, length, hiddenSize]);
  let x = tf.add<tf.Tensor3D>(tokens, p.positionEmbedding);
  for (const block of p.blocks) x = residualAttentionBlock(x, block, config.text);
  const last = tf.reshape(tf.slice(x, [0, length - 1, 0], [count, 1, hiddenSize]), [count, hiddenSize]);
  return linear(layerNorm(last, p.finalNorm.gamma, p.finalNorm.beta, layerNormEps), p.headWeight, p.headBias) as tf.Tensor2D;
}

/**
 * SigLIP's encoders (transformers' `SiglipModel.get_image_features` / `get_text_features`) as
 * tfjs-core graphs: patch embedding with bias and no class token, pre-LN encoder, post-layernorm,
 * attention-pooling head; token + position embeddings, bidirectional encoder, final layernorm,
 * last position, linear head. Every size comes from `config`.
 */
export function createSiglipTfjsEncoder(weights: WeightMap, config: SiglipConfig): TfjsDualEncoder {
  const read = weightReader(weights);
  const vision = uploadVision(read, config);
  let text: SiglipTextParams;
  try {
    text = uploadText(read, config);
  } catch (error) {
    disposeTensorsOf(vision);
    throw error;
  }
  return {
    encodeImages: (pixels, count) => encodeImages(pixels, count, vision, config),
    encodeTexts: (inputIds, count) => encodeTexts(inputIds, count, text, config),
    dispose: () => disposeTensorsOf({ vision, text }),
  };
}
