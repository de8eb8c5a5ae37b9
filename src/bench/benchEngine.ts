/**
 * The engine benchmark (`stroop bench`): images/s and texts/s per batch size on synthetic inputs,
 * beside the ceiling a matmul-bound image encoder could reach: the model's FLOPs per image and the
 * backend's own float32 matrix-product throughput, measured by the benchmark itself (engines only embed).
 */

import type { Rank } from '@tensorflow/tfjs-core';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import { OnnxEngine } from '../engines/onnx/OnnxEngine.js';
import { onnx } from '../engines/onnx/onnxGraph.js';
import { loadOrt, type OnnxProvider, type Ort } from '../engines/onnx/onnxRuntime.js';
import { createOrtSession } from '../engines/onnx/ortSession.js';
import type { ClipConfig } from '../families/clip/clipConfig.js';
import { clipArchitectures } from '../families/clip/writeClipCheckpoint.js';
import type { ModelConfig } from '../families/modelFamily.js';
import type { TowerConfig } from '../model/towerConfig.js';
import { timeRuns, type RunTimes } from './measurements.js';

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

/** The architecture of OpenAI's ViT-B/32 CLIP (`openai/clip-vit-base-patch32`). */
export const vitB32Config: ClipConfig = clipArchitectures['vit-b-32'] as ClipConfig;

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

/** Deterministic pseudo-random values in [-2, 2): benchmark inputs need no real images. */
export function syntheticPixels(length: number): Float32Array {
  const out = new Float32Array(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = (state / 2 ** 32) * 4 - 2;
  }
  return out;
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

/** FLOPs (2 per multiply-add) of one transformer tower over `tokens` positions. */
function towerFlops(t: TowerConfig, tokens: number): number {
  const d = t.hiddenSize;
  const perLayer = 2 * tokens * d * (3 * d + d + 2 * t.intermediateSize) + 2 * 2 * tokens * tokens * d;
  return t.numHiddenLayers * perLayer;
}

/**
 * FLOPs to embed one image: patch embedding, transformer, then CLIP's projection (one class
 * token more) or SigLIP's attention-pooling head (k/v over the patches, one query, MLP)
 * (ViT-B/32 CLIP: ~8.8 G).
 */
export function imageFlops(config: ModelConfig): number {
  const v = config.vision;
  const d = v.hiddenSize;
  const patches = (v.imageSize / v.patchSize) ** 2;
  const patchEmbedding = 2 * patches * v.numChannels * v.patchSize * v.patchSize * d;
  if (config.family === 'clip') return patchEmbedding + towerFlops(v, patches + 1) + 2 * d * config.projectionDim;
  const head = 2 * patches * d * 2 * d + 2 * 2 * patches * d + 2 * d * (2 * d + 2 * v.intermediateSize);
  return patchEmbedding + towerFlops(v, patches) + head;
}

/** FLOPs to embed one text of `tokens` positions (SigLIP always runs its full context). */
export function textFlops(config: ModelConfig, tokens: number): number {
  const positions = config.family === 'clip' ? tokens : config.text.maxPositionEmbeddings;
  return towerFlops(config.text, positions) + 2 * config.text.hiddenSize * config.projectionDim;
}

function floatInfo(name: string, dims: readonly number[]) {
  const shape = { dim: dims.map((dimValue) => ({ dimValue })) };
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape } } };
}

/**
 * An ONNX graph `Y = A x B`: input `A` float32 [m, k], `B` a constant [k, n] of deterministic
 * values (a weight, as in a Linear layer, so onnxruntime may pre-pack it), output `Y` [m, n];
 * and `Z` = max(Y) [1, 1], so a timing can fetch one number instead of copying all of Y out of
 * onnxruntime (for ViT-B/16 shapes Y is 38 MB, whose copy would be timed as matmul). Opset 14,
 * serialised.
 */
export function buildMatMulModel(m: number, k: number, n: number): Uint8Array {
  const weights = new Float32Array(k * n);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.sin(i) * 0.05;
  const graph = {
    name: 'matmul',
    node: [
      { opType: 'MatMul', input: ['A', 'B'], output: ['Y'], name: 'matmul' },
      { opType: 'ReduceMax', input: ['Y'], output: ['Z'], name: 'max' },
    ],
    initializer: [{ name: 'B', dims: [k, n], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(weights.buffer) }],
    input: [floatInfo('A', [m, k])],
    output: [floatInfo('Y', [m, n]), floatInfo('Z', [1, 1])],
  };
  return onnx.ModelProto.encode({ irVersion: 7, producerName: 'stroop', opsetImport: [{ domain: '', version: 14 }], graph }).finish();
}

/**
 * onnxruntime's own float32 matrix-product throughput on `provider`, in GFLOP/s (2 FLOPs per
 * multiply-add): the median of up to 7 runs of `[m, k] x [k, n]` (5 s at most) after one warm-up.
 * Only the product's maximum is fetched: copying the whole product out of onnxruntime is not
 * matrix work (an encoder keeps its activations inside), and at large shapes it cost more than
 * the product (ViT-B/16, batch 16: 37 GFLOP/s fetching the product, while the whole encoder ran
 * at 50).
 */
async function onnxMatmulGflops(ort: Ort, m: number, k: number, n: number, provider: OnnxProvider, threads: number | undefined): Promise<number> {
  const session = await createOrtSession(ort, buildMatMulModel(m, k, n), `a [${m}, ${k}] x [${k}, ${n}] MatMul graph`, provider, threads);
  try {
    const a = new Float32Array(m * k);
    for (let i = 0; i < a.length; i++) a[i] = Math.cos(i) * 0.5;
    const feeds = { A: new ort.Tensor('float32', a, [m, k]) };
    const times = await timeRuns(() => session.run(feeds, ['Z']), 7, 1, 5);
    return (2 * m * k * n) / times.median / 1e9;
  } finally {
    await session.release();
  }
}

/** tfjs's float32 matrix-product throughput on its current backend, in GFLOP/s: the median of up to 7 runs (5 s at most) after one warm-up. */
async function tfjsMatmulGflops(m: number, k: number, n: number): Promise<number> {
  const tf = await import('@tensorflow/tfjs-core');
  const [a, b] = [tf.randomNormal<Rank.R2>([m, k]), tf.randomNormal<Rank.R2>([k, n])];
  try {
    const run = async () => {
      const product = tf.matMul(a, b);
      await product.data();
      product.dispose();
    };
    await run();
    const times = await timeRuns(run, 7, 0, 5);
    return (2 * m * k * n) / times.median / 1e9;
  } finally {
    tf.dispose([a, b]);
  }
}

/**
 * The float32 throughput of one `[m, k] x [k, n]` matrix product, in GFLOP/s (2 FLOPs per
 * multiply-add), on the backend `engine` runs on: onnxruntime on the onnx engine's execution
 * provider and threads, or tfjs on its current backend. `null` for any other engine (e.g. one in
 * a worker thread), whose backend this thread cannot reach.
 */
export async function measureMatmulGflops(engine: EmbeddingEngine, m: number, k: number, n: number): Promise<number | null> {
  if (engine instanceof OnnxEngine) return onnxMatmulGflops(await loadOrt(), m, k, n, engine.provider, engine.threads);
  if (engine.engine === 'tfjs') {
    // Imported only for a tfjs engine, so benchmarking onnx never loads tfjs.
    const { TfjsEngine } = await import('../engines/tfjs/TfjsEngine.js');
    if (engine instanceof TfjsEngine) return tfjsMatmulGflops(m, k, n);
  }
  return null;
}
