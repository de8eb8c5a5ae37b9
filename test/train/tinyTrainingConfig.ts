import type { ClipConfig } from '../../src/families/clip/clipConfig.js';

/** A CLIP small enough to train for a few steps inside a test: 16 px images, 8 px patches, width 32. */
export const tinyTrainingConfig: ClipConfig = {
  family: 'clip',
  projectionDim: 16,
  logitScaleInitValue: Math.log(1 / 0.07),
  text: {
    hiddenSize: 32,
    intermediateSize: 64,
    numAttentionHeads: 2,
    numHiddenLayers: 1,
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    vocabSize: 50,
    maxPositionEmbeddings: 8,
    bosTokenId: 48,
    eosTokenId: 49,
    padTokenId: 0,
  },
  vision: {
    hiddenSize: 32,
    intermediateSize: 64,
    numAttentionHeads: 2,
    numHiddenLayers: 2,
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    imageSize: 16,
    patchSize: 8,
    numChannels: 3,
  },
};
