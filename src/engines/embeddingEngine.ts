import type { ModelConfig } from '../families/modelFamily.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import type { ScoringRule } from '../zeroshot/scoringRule.js';

/**
 * What every engine does: embed. Engines never classify; zero-shot scoring is a
 * pure function over their output (see src/zeroshot/).
 */
export interface EmbeddingEngine {
  /** Registry id, e.g. `tfjs`. */
  readonly engine: string;
  /** The runtime that executes it, e.g. `wasm`, `tensorflow` (tfjs-node), `cpu`. */
  readonly backend: string;
  readonly config: ModelConfig;
  /** How cosine similarities become zero-shot logits and probabilities (CLIP: softmax; SigLIP: sigmoid with bias). */
  readonly scoring: ScoringRule;
  /**
   * Projected, NOT normalised image embeddings.
   * @param pixelValues `count x 3 x imageSize x imageSize` float32, normalised (NCHW).
   */
  embedImages(pixelValues: Float32Array, count: number): Promise<EmbeddingMatrix>;
  /**
   * Projected, NOT normalised text embeddings.
   * @param inputIds `count x contextLength` token ids, padded as the model's tokenizer pads.
   */
  embedTexts(inputIds: Int32Array, count: number): Promise<EmbeddingMatrix>;
  /** Frees the engine's memory. Safe to call more than once. */
  dispose(): void;
}

/**
 * Where an engine should run. `auto` takes the fastest that loads; the others never fall back.
 *
 * - `cpu`: both engines.
 * - `gpu`, `cuda`: the same request under two names (both engines' GPU backends are CUDA):
 *   tfjs needs `@tensorflow/tfjs-node-gpu`, onnx needs ONNX Runtime's CUDA execution provider.
 * - `auto`: tfjs tries tfjs-node-gpu, tfjs-node, then wasm; onnx takes CUDA when its provider
 *   libraries are installed and load, else CPU.
 */
export type Device = 'auto' | 'cpu' | 'gpu' | 'cuda';

/**
 * Numeric precision of the model files an engine runs. Only the onnx engine reads anything but
 * `fp32`: `fp16` reads `onnx/*_fp16.onnx`, `q8` (int8 weights) reads `onnx/*_quantized.onnx`.
 */
export type Dtype = 'fp32' | 'fp16' | 'q8';

/** What an engine factory is asked for (see engineRegistry). */
export interface EngineOptions {
  readonly device: Device;
  /** Worker threads for CPU backends that support them; undefined = one per core. */
  readonly threads?: number;
  /** Precision of the weights to load; undefined = `fp32`. Engines other than onnx refuse the others. */
  readonly dtype?: Dtype;
}
