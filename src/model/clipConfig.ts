/**
 * The architecture of a CLIP checkpoint, read from its `config.json`.
 * Nothing about a particular model is hard-coded: every size comes from here.
 */

/** Activation of the transformer MLPs; CLIP uses `quick_gelu`, fine-tunes may use `gelu`. */
export type HiddenAct = 'quick_gelu' | 'gelu' | 'gelu_new' | 'gelu_pytorch_tanh' | 'relu';

/** Shared shape of a transformer tower. */
export interface TowerConfig {
  /** Residual stream width (OpenAI's `width`). */
  readonly hiddenSize: number;
  /** MLP hidden width (usually 4 x hiddenSize). */
  readonly intermediateSize: number;
  /** Attention heads; hiddenSize must be divisible by it. */
  readonly numAttentionHeads: number;
  /** Residual attention blocks. */
  readonly numHiddenLayers: number;
  readonly hiddenAct: HiddenAct;
  /** LayerNorm epsilon (CLIP: 1e-5). */
  readonly layerNormEps: number;
}

export interface TextConfig extends TowerConfig {
  /** Token embedding rows; the ids of the tokenizer must be below it. */
  readonly vocabSize: number;
  /** Context length (CLIP: 77). */
  readonly maxPositionEmbeddings: number;
  /** `<|startoftext|>` id. */
  readonly bosTokenId: number;
  /** `<|endoftext|>` id; the text embedding is pooled at its first occurrence. */
  readonly eosTokenId: number;
  /** Hugging Face's pad id, which the model never looks at (OpenAI pads with 0). */
  readonly padTokenId: number;
}

export interface VisionConfig extends TowerConfig {
  /** Square input resolution in pixels. */
  readonly imageSize: number;
  /** Square patch size in pixels; imageSize must be divisible by it. */
  readonly patchSize: number;
  /** Input channels (3). */
  readonly numChannels: number;
}

export interface ClipConfig {
  /** The model family (see src/families/): OpenAI CLIP's architecture and softmax scoring. */
  readonly family: 'clip';
  /** Width of the shared embedding space. */
  readonly projectionDim: number;
  /** Initial value of log(logit scale); the trained value is the `logit_scale` tensor. */
  readonly logitScaleInitValue: number;
  readonly text: TextConfig;
  readonly vision: VisionConfig;
}
