import { z } from 'zod';
import { ConfigError } from '../../errors/errors.js';
import { formatConfigIssues, nonNegativeInt, positiveInt, positiveNumber } from '../../model/configSchemaParts.js';
import { addTowerShapeIssues, type TowerConfig, type VisionConfig } from '../../model/towerConfig.js';

/**
 * The architecture of a SigLIP checkpoint (`SiglipModel`, `model_type: siglip`), read from its
 * `config.json`. Google's SigLIP and the fixed-resolution SigLIP 2 checkpoints share it; they
 * differ in the tokenizer they ship. Nothing about a particular model is hard-coded.
 */
export interface SiglipTextConfig extends TowerConfig {
  /** Token embedding rows; the tokenizer's ids must be below it. */
  readonly vocabSize: number;
  /** Context length (SigLIP: 64); texts are padded to it, as in training. */
  readonly maxPositionEmbeddings: number;
  /** The id the text is padded with when the tokenizer files do not say (config.json's pad_token_id). */
  readonly padTokenId: number;
  /** `</s>` / `<eos>` id, from config.json (informational: SigLIP pools the last position). */
  readonly eosTokenId: number;
  /** Output width of the text head (`projection_size`, defaults to hidden_size). */
  readonly projectionSize: number;
}

export interface SiglipConfig {
  readonly family: 'siglip';
  /** Width of the shared embedding space: the vision width, which the text head maps to. */
  readonly projectionDim: number;
  /** log(logit scale) of an untrained model (transformers: log(10)); the trained value is the `logit_scale` tensor. */
  readonly logitScaleInitValue: number;
  /** Logit bias of an untrained model (transformers: -10); the trained value is the `logit_bias` tensor. */
  readonly logitBiasInitValue: number;
  readonly text: SiglipTextConfig;
  readonly vision: VisionConfig;
}

const hiddenActs = ['gelu_pytorch_tanh', 'gelu_new', 'gelu', 'quick_gelu', 'relu'] as const;

function towerFields() {
  return {
    hidden_size: positiveInt().default(768),
    intermediate_size: positiveInt().default(3072),
    num_attention_heads: positiveInt().default(12),
    num_hidden_layers: positiveInt().default(12),
    hidden_act: z.enum(hiddenActs, { error: `expected one of ${hiddenActs.join(', ')}` }).default('gelu_pytorch_tanh'),
    layer_norm_eps: positiveNumber().default(1e-6),
  };
}

// Defaults are those of transformers' SiglipTextConfig / SiglipVisionConfig, applied where
// config.json leaves a field out.
const textSchema = z.object({
  ...towerFields(),
  vocab_size: positiveInt().default(32000),
  max_position_embeddings: positiveInt().default(64),
  pad_token_id: nonNegativeInt().nullable().default(1),
  eos_token_id: nonNegativeInt().nullable().default(1),
  projection_size: positiveInt().nullable().optional(),
});

const visionSchema = z.object({
  ...towerFields(),
  image_size: positiveInt().default(224),
  patch_size: positiveInt().default(16),
  num_channels: positiveInt().default(3),
  vision_use_head: z
    .literal(true, { error: 'stroop needs the attention-pooling head that gives the image embedding; vision_use_head must be true' })
    .optional(),
});

const siglipSchema = z
  .object({
    model_type: z.literal('siglip'),
    text_config: textSchema.prefault({}),
    vision_config: visionSchema.prefault({}),
  })
  .superRefine((config, context) => {
    const { text_config: text, vision_config: vision } = config;
    addTowerShapeIssues(context, text, vision);
    const textWidth = text.projection_size ?? text.hidden_size;
    if (textWidth !== vision.hidden_size) {
      context.addIssue({
        code: 'custom',
        path: ['text_config', text.projection_size == null ? 'hidden_size' : 'projection_size'],
        message: `the text embedding width ${textWidth} must equal the image embedding width (vision_config.hidden_size ${vision.hidden_size})`,
      });
    }
  });

/**
 * Validates a Hugging Face `SiglipConfig` (`config.json` of a SiglipModel repository) and returns
 * it as a `SiglipConfig`, filling missing fields with transformers' defaults.
 *
 * @throws ConfigError listing every bad field with what is allowed and what was found.
 */
export function readSiglipConfig(json: unknown, source: string): SiglipConfig {
  const parsed = siglipSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(`Invalid SigLIP config ${source}: ${formatConfigIssues(parsed.error.issues)}`, source);
  }
  const { text_config: text, vision_config: vision } = parsed.data;
  const tower = (t: typeof text | typeof vision): TowerConfig => ({
    hiddenSize: t.hidden_size,
    intermediateSize: t.intermediate_size,
    numAttentionHeads: t.num_attention_heads,
    numHiddenLayers: t.num_hidden_layers,
    hiddenAct: t.hidden_act,
    layerNormEps: t.layer_norm_eps,
  });
  return Object.freeze({
    family: 'siglip',
    projectionDim: vision.hidden_size,
    logitScaleInitValue: Math.log(10),
    logitBiasInitValue: -10,
    text: Object.freeze({
      ...tower(text),
      vocabSize: text.vocab_size,
      maxPositionEmbeddings: text.max_position_embeddings,
      padTokenId: text.pad_token_id ?? 1,
      eosTokenId: text.eos_token_id ?? 1,
      projectionSize: text.projection_size ?? text.hidden_size,
    }),
    vision: Object.freeze({ ...tower(vision), imageSize: vision.image_size, patchSize: vision.patch_size, numChannels: vision.num_channels }),
  });
}
