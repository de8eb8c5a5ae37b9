import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import { OnnxEngine } from '../engines/onnx/OnnxEngine.js';
import { onnx } from '../engines/onnx/onnxGraph.js';
import { loadOrt, type OnnxProvider, type Ort } from '../engines/onnx/onnxRuntime.js';
import { createOrtSession } from '../engines/onnx/ortSession.js';
import { timeRuns } from './timeRuns.js';

/**
 * A benchmark's matmul ceiling: the float32 matrix-product throughput of the backend an engine
 * runs on, measured by the benchmark itself (engines only embed).
 */

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
  const [a, b] = [tf.randomNormal([m, k]) as Tensor2D, tf.randomNormal([k, n]) as Tensor2D];
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
