import * as tf from '@tensorflow/tfjs-core';
import type { ClipConfig } from '../model/clipConfig.js';
import type { WeightMap, WeightTensor } from '../model/weightMap.js';
import type { TextParams, VisionParams } from '../families/clip/tfjs/uploadClipParams.js';
import type { BlockParams } from '../families/tfjsBlocks/uploadWeights.js';

type Put = (name: string, tensor: tf.Tensor, shape?: readonly number[]) => void;

/** A [in, out] matrix back to a torch Linear weight [out, in]. */
function putLinear(put: Put, name: string, weight: tf.Tensor2D): void {
  const transposed = tf.transpose(weight);
  put(name, transposed);
  transposed.dispose();
}

function putBlock(put: Put, prefix: string, block: BlockParams, width: number): void {
  const attn = `${prefix}.self_attn`;
  const [q, k, v] = tf.split(block.qkvWeight, 3, 1) as tf.Tensor2D[];
  const [qb, kb, vb] = tf.split(block.qkvBias, 3) as tf.Tensor1D[];
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
