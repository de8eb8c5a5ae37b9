/**
 * The CLIP being trained: its starting weights (initialised as OpenAI's CLIP does), those
 * weights as trainable tfjs variables, and the variables back to Hugging Face weights.
 */
import { expectedClipWeightShapes } from '../families/clip/clipConfig.js';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../attacks/createRng.js';
import type { ClipConfig } from '../families/clip/clipConfig.js';
import { uploadClipParams, type TextParams, type VisionParams } from '../families/clip/clipTfjsEncoder.js';
import type { BlockParams } from '../families/tfjsBlocks.js';
import type { WeightMap, WeightTensor } from '../model/weightMap.js';

/** The CLIP encoders' weights as trainable tfjs variables, plus the learned temperature. */
export interface TrainableClip {
  readonly vision: VisionParams;
  readonly text: TextParams;
  /** The raw `logit_scale` (log of the inverse temperature). */
  readonly logitScale: tf.Variable;
  /** Every variable above, for the optimiser. */
  readonly variables: readonly tf.Variable[];
}

type Put = (name: string, tensor: tf.Tensor, shape?: readonly number[]) => void;

function fillNormal(out: Float32Array, std: number, rng: Rng): void {
  for (let i = 0; i < out.length; i += 2) {
    const radius = std * Math.sqrt(-2 * Math.log(1 - rng.next()));
    const angle = 2 * Math.PI * rng.next();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
  }
}

function fillUniform(out: Float32Array, bound: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = bound * (2 * rng.next() - 1);
}

/**
 * The standard deviation OpenAI's `CLIP.initialize_parameters` gives a weight, or undefined
 * for weights it leaves alone: per tower of width w and L layers, q/k/v w^-0.5, attention
 * output and fc2 w^-0.5 (2L)^-0.5, fc1 (2w)^-0.5, projections w^-0.5, text token embeddings
 * 0.02 and positions 0.01, the vision class and position embeddings w^-0.5.
 */
function initialStd(name: string, config: ClipConfig): number | undefined {
  const tower = name.startsWith('vision_model') || name === 'visual_projection.weight' ? config.vision : config.text;
  const width = tower.hiddenSize;
  const attnStd = width ** -0.5;
  const projStd = attnStd * (2 * tower.numHiddenLayers) ** -0.5;
  if (/self_attn\.[qkv]_proj\.weight$/.test(name)) return attnStd;
  if (/self_attn\.out_proj\.weight$/.test(name) || /mlp\.fc2\.weight$/.test(name)) return projStd;
  if (/mlp\.fc1\.weight$/.test(name)) return (2 * width) ** -0.5;
  if (name === 'text_projection.weight' || name === 'visual_projection.weight') return attnStd;
  if (name === 'text_model.embeddings.token_embedding.weight') return 0.02;
  if (name === 'text_model.embeddings.position_embedding.weight') return 0.01;
  if (name === 'vision_model.embeddings.class_embedding' || name === 'vision_model.embeddings.position_embedding.weight') return attnStd;
  return undefined;
}

/**
 * Weights to train a CLIP from, initialised as OpenAI's CLIP initialises them (see
 * initialStd); the patch embedding keeps PyTorch's Conv2d default (uniform in
 * +-fan_in^-0.5), LayerNorms start at identity, biases at 0, `logit_scale` at the config's
 * value. (`randomClipWeights` uses 0.02 everywhere, which suits benchmarks but trains
 * poorly: the class token barely sees the patches, and both towers start near-constant.)
 */
export function initialClipWeights(config: ClipConfig, seed: number): WeightMap {
  const weights = new Map<string, WeightTensor>();
  for (const [name, shape] of expectedClipWeightShapes(config)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const rng = createRng(seed, `init/${name}`);
    const std = initialStd(name, config);
    if (name === 'logit_scale') data.fill(config.logitScaleInitValue);
    else if (/(layer_?norm\d?|layrnorm)\.weight$/.test(name)) data.fill(1);
    else if (name === 'vision_model.embeddings.patch_embedding.weight') fillUniform(data, (shape.slice(1).reduce((a, b) => a * b, 1)) ** -0.5, rng);
    else if (std !== undefined) fillNormal(data, std, rng);
    else if (!name.endsWith('.bias')) throw new Error(`No initialisation rule for weight '${name}'.`);
    weights.set(name, { shape: [...shape], data });
  }
  return weights;
}

function toVariables<T>(value: T, path: string, into: tf.Variable[]): T {
  if (value instanceof tf.Tensor) {
    const variable = tf.variable<tf.Rank>(value, true, path);
    value.dispose();
    into.push(variable);
    return variable as unknown as T;
  }
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => toVariables(v, `${path}.${i}`, into)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toVariables(v, `${path}.${k}`, into)])) as T;
  }
  return value;
}

/**
 * Uploads `weights` in the encoders' layout and wraps every tensor in a tf.Variable named by
 * its path (`vision.blocks.0.qkvWeight`, ...). The caller disposes the variables.
 */
export function trainableParams(weights: WeightMap, config: ClipConfig): TrainableClip {
  const variables: tf.Variable[] = [];
  const uploaded = uploadClipParams(weights, config);
  const vision = toVariables(uploaded.vision, 'vision', variables);
  const text = toVariables(uploaded.text, 'text', variables);
  const logitScale = tf.variable(tf.scalar(uploaded.logitScale), true, 'logitScale');
  variables.push(logitScale);
  return { vision, text, logitScale, variables };
}

/** A [in, out] matrix back to a torch Linear weight [out, in]. */
function putLinear(put: Put, name: string, weight: tf.Tensor2D): void {
  const transposed = tf.transpose(weight);
  put(name, transposed);
  transposed.dispose();
}

function putBlock(put: Put, prefix: string, block: BlockParams, width: number): void {
  const attn = `${prefix}.self_attn`;
  const [q, k, v] = tf.split<tf.Tensor2D>(block.qkvWeight, 3, 1);
  const [qb, kb, vb] = tf.split<tf.Tensor1D>(block.qkvBias, 3);
  const parts: Array<[string, tf.Tensor2D | undefined, tf.Tensor1D | undefined]> = [['q_proj', q, qb], ['k_proj', k, kb], ['v_proj', v, vb]];
  for (const [proj, weight, bias] of parts) {
    if (weight === undefined || bias === undefined || weight.shape[1] !== width) throw new Error(`qkv of ${prefix} does not split into 3 x ${width}.`);
    putLinear(put, `${attn}.${proj}.weight`, weight);
    put(`${attn}.${proj}.bias`, bias);
  }
  tf.dispose([q, k, v, qb, kb, vb].filter((t) => t !== undefined));
  put(`${prefix}.layer_norm1.weight`, block.ln1Gamma);
  put(`${prefix}.layer_norm1.bias`, block.ln1Beta);
  putLinear(put, `${attn}.out_proj.weight`, block.outWeight);
  put(`${attn}.out_proj.bias`, block.outBias);
  put(`${prefix}.layer_norm2.weight`, block.ln2Gamma);
  put(`${prefix}.layer_norm2.bias`, block.ln2Beta);
  putLinear(put, `${prefix}.mlp.fc1.weight`, block.fc1Weight);
  put(`${prefix}.mlp.fc1.bias`, block.fc1Bias);
  putLinear(put, `${prefix}.mlp.fc2.weight`, block.fc2Weight);
  put(`${prefix}.mlp.fc2.bias`, block.fc2Bias);
}

/**
 * The inverse of `uploadClipParams`: downloads the encoders' tensors into a WeightMap under
 * Hugging Face `CLIPModel` names and layouts (Linear weights [out, in], q/k/v split, the patch
 * embedding as a [width, C, P, P] convolution kernel), ready for `writeClipCheckpoint`.
 */
export function clipParamsToWeights(vision: VisionParams, text: TextParams, logitScale: number, config: ClipConfig): WeightMap {
  const weights = new Map<string, WeightTensor>();
  const put: Put = (name, tensor, shape) => {
    weights.set(name, { shape: [...(shape ?? tensor.shape)], data: Float32Array.from(tensor.dataSync()) });
  };
  const { patchSize, numChannels, hiddenSize: visionWidth } = config.vision;
  const patchKernel = tf.transpose(vision.patchWeight);
  put('vision_model.embeddings.patch_embedding.weight', patchKernel, [visionWidth, numChannels, patchSize, patchSize]);
  patchKernel.dispose();
  put('vision_model.embeddings.class_embedding', vision.classEmbedding);
  put('vision_model.embeddings.position_embedding.weight', vision.positionEmbedding);
  put('vision_model.pre_layrnorm.weight', vision.preLnGamma);
  put('vision_model.pre_layrnorm.bias', vision.preLnBeta);
  vision.blocks.forEach((block, i) => putBlock(put, `vision_model.encoder.layers.${i}`, block, visionWidth));
  put('vision_model.post_layernorm.weight', vision.postLnGamma);
  put('vision_model.post_layernorm.bias', vision.postLnBeta);
  putLinear(put, 'visual_projection.weight', vision.projection);

  put('text_model.embeddings.token_embedding.weight', text.tokenEmbedding);
  put('text_model.embeddings.position_embedding.weight', text.positionEmbedding);
  text.blocks.forEach((block, i) => putBlock(put, `text_model.encoder.layers.${i}`, block, config.text.hiddenSize));
  put('text_model.final_layer_norm.weight', text.finalLnGamma);
  put('text_model.final_layer_norm.bias', text.finalLnBeta);
  putLinear(put, 'text_projection.weight', text.projection);
  weights.set('logit_scale', { shape: [], data: Float32Array.of(logitScale) });
  return weights;
}
