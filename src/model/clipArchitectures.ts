import type { ClipConfig, TextConfig } from './clipConfig.js';

/** The text tower shared by OpenAI's ViT-B CLIP models. */
const baseText: TextConfig = Object.freeze({
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
});

function vit(patchSize: number, hiddenSize: number, layers: number, projectionDim: number, text: TextConfig): ClipConfig {
  return Object.freeze({
    family: 'clip',
    projectionDim,
    logitScaleInitValue: 2.6592,
    text,
    vision: Object.freeze({
      hiddenSize,
      intermediateSize: 4 * hiddenSize,
      numAttentionHeads: hiddenSize / 64,
      numHiddenLayers: layers,
      hiddenAct: 'quick_gelu',
      layerNormEps: 1e-5,
      imageSize: 224,
      patchSize,
      numChannels: 3,
    }),
  });
}

/**
 * The architectures of OpenAI's released ViT CLIP models (`openai/clip-vit-*`), by name.
 * Used to build random-weight checkpoints for benchmarks and export tests.
 */
export const clipArchitectures: Readonly<Record<string, ClipConfig>> = Object.freeze({
  'vit-b-32': vit(32, 768, 12, 512, baseText),
  'vit-b-16': vit(16, 768, 12, 512, baseText),
  'vit-l-14': vit(14, 1024, 24, 768, Object.freeze({ ...baseText, hiddenSize: 768, intermediateSize: 3072, numAttentionHeads: 12 })),
});
