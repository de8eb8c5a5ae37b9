import type { ModelConfig } from '../families/modelConfig.js';
import type { ScoringRule } from '../zeroshot/scoringRule.js';

/** Rows of embeddings as plain data: `rows x dim` float32, row-major. */
export interface EmbeddingMatrix {
  readonly rows: number;
  readonly dim: number;
  readonly data: Float32Array;
}

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
  /**
   * Optional diagnostic for benchmarks: the backend's own throughput on one
   * `[m, k] x [k, n]` float32 matrix product, in GFLOP/s (2 FLOPs per multiply-add).
   */
  matmulGflops?(m: number, k: number, n: number): Promise<number>;
  /** Frees the engine's memory. Safe to call more than once. */
  dispose(): void;
}
