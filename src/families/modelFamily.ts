import type * as tf from '@tensorflow/tfjs-core';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { WeightMap } from '../model/weightMap.js';
import type { TextTokenizer } from '../tokenizer/textTokenizer.js';
import type { ScoringKind, ScoringRule } from '../zeroshot/scoringRule.js';
import type { ClipConfig } from './clip/clipConfig.js';
import type { SiglipConfig } from './siglip/siglipConfig.js';

/**
 * The architecture of a checkpoint of any family stroop implements, told apart by `family`.
 * Stages that do not care which family it is read only what every family has: `projectionDim`
 * (the embedding width), `vision.imageSize` / `numChannels` / `patchSize` and
 * `text.maxPositionEmbeddings` / `vocabSize`.
 */
export type ModelConfig = ClipConfig | SiglipConfig;

/** The family ids, from the configs' discriminator. */
export type FamilyId = ModelConfig['family'];

/** A loaded checkpoint of any family as plain data: what engines are built from. */
export interface LoadedModel {
  /** How the user named it (a directory or hub id). */
  readonly id: string;
  /** The local directory its files were read from ('' for a model built in memory). */
  readonly dir: string;
  readonly config: ModelConfig;
  readonly preprocessor: PreprocessorConfig;
  /** Hugging Face names; all of them for engines that compute with weights, or only the scoring scalars. */
  readonly weights: WeightMap;
}

/**
 * A family's two encoders as tfjs-core graphs over weights already uploaded to the current
 * backend: what the tfjs engine runs. Inputs are checked by the engine before these are called.
 */
export interface TfjsDualEncoder {
  /**
   * @param pixels `count x C x S x S` normalised float32 (NCHW).
   * @returns [count, projectionDim] image embeddings, not normalised. Called inside tf.tidy.
   */
  encodeImages(pixels: Float32Array, count: number): tf.Tensor2D;
  /**
   * @param inputIds `count x contextLength` token ids, padded as the family's tokenizer does.
   * @returns [count, projectionDim] text embeddings, not normalised. Called inside tf.tidy.
   */
  encodeTexts(inputIds: Int32Array, count: number): tf.Tensor2D;
  /** Frees every uploaded tensor. */
  dispose(): void;
}

/**
 * Everything that differs between model families, in one place per family (src/families/<id>/):
 * how its config.json reads, which tensors it has, its tokenizer, its encoders and its scoring
 * rule. Engines, runs, reports and search ask the family and stay family-agnostic. Adding a
 * family means a folder with one of these and a line in modelFamilies.
 *
 * Heavy parts (tfjs graphs) are imported lazily, so loading a family's config does not load a
 * runtime.
 */
export interface ModelFamily<C extends ModelConfig = ModelConfig> {
  readonly id: FamilyId;
  /** Its name in messages and reports, e.g. `SigLIP`. */
  readonly label: string;
  /** The `model_type` values of config.json it implements. */
  readonly modelTypes: readonly string[];
  /** The `architectures` of config.json it implements, e.g. `SiglipModel`. */
  readonly architectures: readonly string[];
  /** A hub id of a public checkpoint it loads, for the README and messages. */
  readonly exampleHubId: string;
  readonly scoringKind: ScoringKind;
  /** The tensors the scoring rule reads (loaded alone by engines that run their own graph files). */
  readonly scoringTensors: readonly string[];
  /**
   * The output names of its ONNX tower graphs that hold the embedding, in order of preference:
   * stroop's exporter and transformers.js/Optimum exports (`image_embeds`, or SigLIP's `pooler_output`).
   */
  readonly onnxOutputs: { readonly vision: readonly string[]; readonly text: readonly string[] };
  /** Every file its tokenizers may read; the hub client fetches those the repository has. */
  readonly tokenizerFiles: readonly string[];
  /** @throws ConfigError naming each bad field. */
  readConfig(json: unknown, source: string): C;
  /** Checks that the preprocessing produces the input the vision tower takes. @throws ConfigError */
  checkPreprocessor(preprocessor: PreprocessorConfig, config: C, source: string): void;
  /** Every weight the encoders need, under Hugging Face names, with its shape. */
  expectedWeightShapes(config: C): Map<string, number[]>;
  /** @throws ModelLoadError naming the tensor or file at fault. */
  loadWeights(dir: string, config: C): Promise<WeightMap>;
  /** @throws ModelLoadError naming the tokenizer files it looked for. */
  loadTokenizer(dir: string): Promise<TextTokenizer>;
  /**
   * The scoring rule from the trained scalars found in `weights` (e.g. `logit_scale`), or from
   * the config's initial values for those missing, with which of them were missing.
   */
  scoringRule(weights: WeightMap, config: C): { readonly rule: ScoringRule; readonly missing: readonly string[] };
  /** Uploads the weights to the current tfjs backend and returns the encoders. */
  createTfjsEncoder(weights: WeightMap, config: C): Promise<TfjsDualEncoder>;
}
