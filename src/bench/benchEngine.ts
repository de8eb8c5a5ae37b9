import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import { measureMatmulGflops } from './matmulCeiling.js';
import { imageFlops } from './modelFlops.js';
import { syntheticPixels } from './syntheticPixels.js';
import { timeRuns, type RunTimes } from './timeRuns.js';

export interface BenchOptions {
  /** Batch sizes to measure, e.g. [1, 8, 32]. */
  readonly batches: readonly number[];
  /** Timed runs per batch size (after one warm-up), cut short by `budgetSeconds`. */
  readonly runs: number;
  readonly budgetSeconds: number;
  /** Positions per benchmark text, sot and eot included (a short prompt is ~8-12). */
  readonly textTokens: number;
}

export interface BenchRow {
  readonly batch: number;
  /** From the median run. */
  readonly images_per_s: number;
  readonly texts_per_s: number;
  readonly image_runs: RunTimes;
  readonly text_runs: RunTimes;
}

export interface BenchReport {
  readonly engine: string;
  readonly backend: string;
  /** FLOPs to embed one image with this architecture, in GFLOP. */
  readonly image_gflop: number;
  /** The backend's own float32 matmul throughput at the MLP's shape (largest batch). */
  readonly matmul_gflops: number | null;
  /** matmul_gflops / image_gflop: what a matmul-bound image encoder could reach. */
  readonly ceiling_images_per_s: number | null;
  readonly text_tokens: number;
  readonly results: readonly BenchRow[];
}

/**
 * `count` rows of `tokens` made-up ids that look like real text to the model: CLIP's wrapped in
 * start/end of text and zero padded, SigLIP's ended by eos and padded with its pad id.
 */
export function syntheticTokens(engine: EmbeddingEngine, count: number, tokens: number): Int32Array {
  const { config } = engine;
  const { maxPositionEmbeddings: context, eosTokenId, vocabSize } = config.text;
  const ids = new Int32Array(count * context).fill(config.family === 'clip' ? 0 : config.text.padTokenId);
  const length = Math.min(Math.max(tokens, 2), context);
  const first = config.family === 'clip' ? 1 : 0;
  const ceiling = config.family === 'clip' ? Math.min(config.text.bosTokenId, vocabSize - 2) : vocabSize - 1;
  for (let r = 0; r < count; r++) {
    if (config.family === 'clip') ids[r * context] = config.text.bosTokenId;
    for (let i = first; i < length - 1; i++) ids[r * context + i] = (r * 31 + i * 97) % Math.max(1, ceiling);
    ids[r * context + length - 1] = eosTokenId;
  }
  return ids;
}

/** Measures images/s and texts/s of `engine` at each batch size, plus its matmul ceiling. */
export async function benchEngine(engine: EmbeddingEngine, options: BenchOptions): Promise<BenchReport> {
  const { vision } = engine.config;
  const perImage = vision.numChannels * vision.imageSize * vision.imageSize;
  const results: BenchRow[] = [];
  for (const batch of options.batches) {
    const pixels = syntheticPixels(batch * perImage);
    const ids = syntheticTokens(engine, batch, options.textTokens);
    const imageRuns = await timeRuns(() => engine.embedImages(pixels, batch), options.runs, 1, options.budgetSeconds);
    const textRuns = await timeRuns(() => engine.embedTexts(ids, batch), options.runs, 1, options.budgetSeconds);
    results.push({ batch, images_per_s: batch / imageRuns.median, texts_per_s: batch / textRuns.median, image_runs: imageRuns, text_runs: textRuns });
  }
  const largest = Math.max(...options.batches);
  const tokens = (vision.imageSize / vision.patchSize) ** 2 + (engine.config.family === 'clip' ? 1 : 0);
  const matmul = await measureMatmulGflops(engine, largest * tokens, vision.hiddenSize, vision.intermediateSize);
  const gflop = imageFlops(engine.config) / 1e9;
  return {
    engine: engine.engine,
    backend: engine.backend,
    image_gflop: gflop,
    matmul_gflops: matmul,
    ceiling_images_per_s: matmul === null ? null : matmul / gflop,
    text_tokens: options.textTokens,
    results,
  };
}
