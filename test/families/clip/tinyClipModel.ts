import type { ClipConfig } from '../../../src/families/clip/clipConfig.js';
import { randomClipWeights } from '../../../src/families/clip/clipWeights.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import type { HiddenAct } from '../../../src/model/towerConfig.js';
import type { WeightTensor } from '../../../src/model/weightMap.js';

/** A small CLIP architecture; every size differs from the others so mixed-up axes show. */
export function tinyClipConfig(textAct: HiddenAct, visionAct: HiddenAct): ClipConfig {
  return {
    family: 'clip',
    projectionDim: 24,
    logitScaleInitValue: 2.6592,
    text: {
      hiddenSize: 32,
      intermediateSize: 80,
      numAttentionHeads: 4,
      numHiddenLayers: 3,
      hiddenAct: textAct,
      layerNormEps: 1e-5,
      vocabSize: 300,
      maxPositionEmbeddings: 20,
      bosTokenId: 298,
      eosTokenId: 299,
      padTokenId: 1,
    },
    vision: {
      hiddenSize: 40,
      intermediateSize: 72,
      numAttentionHeads: 2,
      numHiddenLayers: 2,
      hiddenAct: visionAct,
      layerNormEps: 1e-5,
      imageSize: 48,
      patchSize: 12,
      numChannels: 3,
    },
  };
}

/** Seeded standard normal samples (Box-Muller on mulberry32). */
export function normalSource(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * randomClipWeights' shapes with weights that exercise every parameter: matrices with
 * std 1/sqrt(fan in) (so activations stay O(1) and attention is far from uniform), biases and
 * LayerNorm betas std 0.1, LayerNorm gammas 1 +- 0.1, embeddings std 0.5. (randomClipWeights
 * itself leaves biases at 0 and norms at identity, which would hide bias bugs.)
 */
export function tinyClipModel(config: ClipConfig, seed: number): LoadedModel {
  const normal = normalSource(seed);
  const weights = new Map<string, WeightTensor>();
  for (const [name, tensor] of randomClipWeights(config, seed)) {
    const fanIn = tensor.shape.slice(1).reduce((a, b) => a * b, 1);
    const isNorm = /layer_?norm|layrnorm/.test(name);
    const data = tensor.data.map(() => {
      if (name === 'logit_scale') return 2.6592;
      if (isNorm && name.endsWith('.weight')) return 1 + 0.1 * normal();
      if (name.endsWith('.bias')) return 0.1 * normal();
      if (name.includes('embedding') && !name.includes('patch')) return 0.5 * normal();
      return normal() / Math.sqrt(fanIn);
    });
    weights.set(name, { shape: tensor.shape, data });
  }
  return {
    id: `tiny random CLIP (seed ${seed})`,
    dir: '',
    config,
    preprocessor: {
      doResize: true,
      resizeMode: 'shortestEdge',
      shortestEdge: config.vision.imageSize,
      resizeHeight: config.vision.imageSize,
      resizeWidth: config.vision.imageSize,
      convertRgb: 'afterResize',
      resample: 3,
      doCenterCrop: true,
      cropHeight: config.vision.imageSize,
      cropWidth: config.vision.imageSize,
      doRescale: true,
      rescaleFactor: 1 / 255,
      doNormalize: true,
      imageMean: [0.5, 0.5, 0.5],
      imageStd: [0.5, 0.5, 0.5],
      doConvertRgb: true,
    },
    weights,
  };
}
