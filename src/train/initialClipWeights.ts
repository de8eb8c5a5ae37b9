import { createRng, type Rng } from '../attacks/random/createRng.js';
import type { ClipConfig } from '../model/clipConfig.js';
import { expectedClipWeightShapes } from '../model/expectedClipWeightShapes.js';
import type { WeightMap, WeightTensor } from '../model/weightMap.js';

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
