import * as tf from '@tensorflow/tfjs-core';
import type { ClipConfig } from '../model/clipConfig.js';
import type { WeightMap } from '../model/weightMap.js';
import { uploadClipParams, type TextParams, type VisionParams } from '../families/clip/tfjs/uploadClipParams.js';

/** The CLIP encoders' weights as trainable tfjs variables, plus the learned temperature. */
export interface TrainableClip {
  readonly vision: VisionParams;
  readonly text: TextParams;
  /** The raw `logit_scale` (log of the inverse temperature). */
  readonly logitScale: tf.Variable;
  /** Every variable above, for the optimiser. */
  readonly variables: readonly tf.Variable[];
}

function toVariables<T>(value: T, path: string, into: tf.Variable[]): T {
  if (value instanceof tf.Tensor) {
    const variable = tf.variable(value, true, path);
    value.dispose();
    into.push(variable);
    return variable as unknown as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => toVariables(v, `${path}.${i}`, into)) as T;
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
