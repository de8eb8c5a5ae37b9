import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../errors/errors.js';
import { formatConfigIssues, nonNegativeInt, positiveInt, positiveNumber } from '../../model/configSchemaParts.js';
import { readModelJson } from '../../model/modelDirectory.js';
import { addEncoderLayerShapes, addLayerNormShapes, addTowerShapeIssues, type HiddenAct, type TowerConfig, type VisionConfig } from '../../model/towerConfig.js';

/**
 * The architecture of a CLIP checkpoint and how it is read from its `config.json`.
 * Nothing about a particular model is hard-coded: every size comes from here.
 */

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

const hiddenActs = ['quick_gelu', 'gelu', 'gelu_new', 'gelu_pytorch_tanh', 'relu'] as const satisfies readonly HiddenAct[];

function hiddenAct() {
  return z.enum(hiddenActs, { error: `expected one of ${hiddenActs.join(', ')}` }).default('quick_gelu');
}

// Defaults are those of transformers' CLIPTextConfig / CLIPVisionConfig / CLIPConfig
// (openai/clip-vit-base-patch32), applied where config.json leaves a field out.
const textSchema = z.object({
  vocab_size: positiveInt().default(49408),
  hidden_size: positiveInt().default(512),
  intermediate_size: positiveInt().default(2048),
  num_attention_heads: positiveInt().default(8),
  num_hidden_layers: positiveInt().default(12),
  max_position_embeddings: positiveInt().default(77),
  hidden_act: hiddenAct(),
  layer_norm_eps: positiveNumber().default(1e-5),
  bos_token_id: nonNegativeInt().default(49406),
  eos_token_id: nonNegativeInt().default(49407),
  // The model never reads it; old configs write null.
  pad_token_id: nonNegativeInt().nullable().default(1),
});

const visionSchema = z.object({
  hidden_size: positiveInt().default(768),
  intermediate_size: positiveInt().default(3072),
  num_attention_heads: positiveInt().default(12),
  num_hidden_layers: positiveInt().default(12),
  image_size: positiveInt().default(224),
  patch_size: positiveInt().default(32),
  num_channels: positiveInt().default(3),
  hidden_act: hiddenAct(),
  layer_norm_eps: positiveNumber().default(1e-5),
});

const clipSchema = z
  .object({
    model_type: z.literal('clip', { error: 'expected "clip" (a CLIPModel config.json)' }).optional(),
    projection_dim: positiveInt().default(512),
    logit_scale_init_value: z.number({ error: 'expected a finite number' }).default(2.6592),
    text_config: textSchema.prefault({}),
    vision_config: visionSchema.prefault({}),
  })
  .superRefine((config, context) => {
    const { text_config: text, vision_config: vision } = config;
    addTowerShapeIssues(context, text, vision);
    for (const id of ['bos_token_id', 'eos_token_id'] as const) {
      if (text[id] >= text.vocab_size) {
        context.addIssue({
          code: 'custom',
          path: ['text_config', id],
          message: `${id} ${text[id]} must be below vocab_size ${text.vocab_size}`,
        });
      }
    }
  });

/**
 * Validates a Hugging Face `CLIPConfig` (`config.json` of a CLIPModel repository) and
 * returns it as a `ClipConfig`, filling missing fields with transformers' defaults.
 * Like transformers, a legacy `text_config_dict` / `vision_config_dict` replaces
 * `text_config` / `vision_config` (defaults filled in from the dict, not the other).
 *
 * @param json the parsed JSON.
 * @param source the file it came from, for messages.
 * @throws ConfigError listing every bad field with what is allowed and what was found.
 */
export function readClipConfig(json: unknown, source: string): ClipConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`Invalid CLIP config ${source}: expected a JSON object`, source);
  }
  const raw: Record<string, unknown> = { ...json };
  const renames: Record<string, string> = {};
  for (const tower of ['text_config', 'vision_config']) {
    const legacy = `${tower}_dict`;
    if (raw[legacy] !== undefined && raw[legacy] !== null) {
      raw[tower] = raw[legacy];
      renames[tower] = legacy;
    }
    if (raw[tower] === null) delete raw[tower];
  }
  const parsed = clipSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(`Invalid CLIP config ${source}: ${formatConfigIssues(parsed.error.issues, renames)}`, source);
  }
  const { text_config: text, vision_config: vision } = parsed.data;
  const textConfig: TextConfig = {
    hiddenSize: text.hidden_size,
    intermediateSize: text.intermediate_size,
    numAttentionHeads: text.num_attention_heads,
    numHiddenLayers: text.num_hidden_layers,
    hiddenAct: text.hidden_act,
    layerNormEps: text.layer_norm_eps,
    vocabSize: text.vocab_size,
    maxPositionEmbeddings: text.max_position_embeddings,
    bosTokenId: text.bos_token_id,
    eosTokenId: text.eos_token_id,
    padTokenId: text.pad_token_id ?? 1,
  };
  const visionConfig: VisionConfig = {
    hiddenSize: vision.hidden_size,
    intermediateSize: vision.intermediate_size,
    numAttentionHeads: vision.num_attention_heads,
    numHiddenLayers: vision.num_hidden_layers,
    hiddenAct: vision.hidden_act,
    layerNormEps: vision.layer_norm_eps,
    imageSize: vision.image_size,
    patchSize: vision.patch_size,
    numChannels: vision.num_channels,
  };
  return {
    family: 'clip',
    projectionDim: parsed.data.projection_dim,
    logitScaleInitValue: parsed.data.logit_scale_init_value,
    text: Object.freeze(textConfig),
    vision: Object.freeze(visionConfig),
  };
}

/**
 * Reads `<dir>/config.json` (Hugging Face `CLIPConfig`).
 *
 * @throws ModelLoadError when the file is missing (naming the expected layout);
 *   ConfigError when it is not JSON or not a valid CLIP config.
 */
export async function loadClipConfigFile(dir: string): Promise<ClipConfig> {
  return readClipConfig(await readModelJson(dir, 'config.json'), path.join(dir, 'config.json'));
}

/**
 * Every tensor a Hugging Face `CLIPModel` checkpoint must hold for both encoders, with
 * its shape as implied by `config`: `text_model.*`, `vision_model.*` (including HF's
 * misspelt `pre_layrnorm`), `text_projection.weight` [projectionDim, textHidden],
 * `visual_projection.weight` [projectionDim, visionHidden] and the scalar `logit_scale` [].
 * Linear weights are [out, in]; `position_ids` buffers are not weights and not listed.
 */
export function expectedClipWeightShapes(config: ClipConfig): Map<string, number[]> {
  const { text, vision, projectionDim } = config;
  const shapes = new Map<string, number[]>();

  shapes.set('text_model.embeddings.token_embedding.weight', [text.vocabSize, text.hiddenSize]);
  shapes.set('text_model.embeddings.position_embedding.weight', [text.maxPositionEmbeddings, text.hiddenSize]);
  addEncoderLayerShapes(shapes, 'text_model', text);
  addLayerNormShapes(shapes, 'text_model.final_layer_norm', text.hiddenSize);

  const patchesPerSide = vision.imageSize / vision.patchSize;
  shapes.set('vision_model.embeddings.class_embedding', [vision.hiddenSize]);
  shapes.set('vision_model.embeddings.patch_embedding.weight', [
    vision.hiddenSize,
    vision.numChannels,
    vision.patchSize,
    vision.patchSize,
  ]);
  shapes.set('vision_model.embeddings.position_embedding.weight', [patchesPerSide * patchesPerSide + 1, vision.hiddenSize]);
  addLayerNormShapes(shapes, 'vision_model.pre_layrnorm', vision.hiddenSize);
  addEncoderLayerShapes(shapes, 'vision_model', vision);
  addLayerNormShapes(shapes, 'vision_model.post_layernorm', vision.hiddenSize);

  shapes.set('text_projection.weight', [projectionDim, text.hiddenSize]);
  shapes.set('visual_projection.weight', [projectionDim, vision.hiddenSize]);
  shapes.set('logit_scale', []);
  return shapes;
}
