import type { SiglipConfig } from './siglipConfig.js';

/** Which of the stand-in tokenizers (models/siglip-tokenizers/) a random checkpoint ships. */
export type SiglipTokenizerKind = 'spiece' | 'gemma-bpe';

/** A SigLIP architecture to build random-weight checkpoints of, with its kind of tokenizer. */
export interface SiglipArchitecture {
  readonly config: SiglipConfig;
  readonly tokenizer: SiglipTokenizerKind;
}

/** The ViT-B/16 towers at 224 px shared by google/siglip-base-patch16-224 and google/siglip2-base-patch16-224. */
function base16(vocabSize: number, tokenizer: SiglipTokenizerKind): SiglipArchitecture {
  const tower = { hiddenSize: 768, intermediateSize: 3072, numAttentionHeads: 12, numHiddenLayers: 12, hiddenAct: 'gelu_pytorch_tanh', layerNormEps: 1e-6 } as const;
  return Object.freeze({
    tokenizer,
    config: Object.freeze({
      family: 'siglip',
      projectionDim: 768,
      logitScaleInitValue: Math.log(10),
      logitBiasInitValue: -10,
      text: Object.freeze({ ...tower, vocabSize, maxPositionEmbeddings: 64, padTokenId: 1, eosTokenId: 1, projectionSize: 768 }),
      vision: Object.freeze({ ...tower, imageSize: 224, patchSize: 16, numChannels: 3 }),
    }),
  });
}

/**
 * The architectures of Google's base SigLIP checkpoints, by name (sizes from their config.json
 * files): for random-weight checkpoints that benchmark and export a full-size model.
 */
export const siglipArchitectures: Readonly<Record<string, SiglipArchitecture>> = Object.freeze({
  'siglip-b-16': base16(32000, 'spiece'),
  'siglip2-b-16': base16(256000, 'gemma-bpe'),
});
