import type { ClipConfig } from '../model/clipConfig.js';

/** The architecture of OpenAI's ViT-B/32 CLIP (`openai/clip-vit-base-patch32`). */
export const vitB32Config: ClipConfig = Object.freeze({
  projectionDim: 512,
  logitScaleInitValue: 2.6592,
  text: Object.freeze({
    hiddenSize: 512,
    intermediateSize: 2048,
    numAttentionHeads: 8,
    numHiddenLayers: 12,
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    vocabSize: 49408,
    maxPositionEmbeddings: 77,
    bosTokenId: 49406,
    eosTokenId: 49407,
    padTokenId: 1,
  }),
  vision: Object.freeze({
    hiddenSize: 768,
    intermediateSize: 3072,
    numAttentionHeads: 12,
    numHiddenLayers: 12,
    hiddenAct: 'quick_gelu',
    layerNormEps: 1e-5,
    imageSize: 224,
    patchSize: 32,
    numChannels: 3,
  }),
});
