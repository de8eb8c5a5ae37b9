import { timeRuns } from '../../bench/timeRuns.js';
import { buildMatMulModel } from './buildMatMulModel.js';
import type { OnnxProvider } from './chooseProviders.js';
import { createOrtSession } from './createOrtSession.js';
import type { Ort } from './loadOrt.js';

/**
 * onnxruntime's own float32 matrix-product throughput on `provider`, in GFLOP/s (2 FLOPs per
 * multiply-add): the median of up to 7 runs of `[m, k] x [k, n]` (5 s at most) after one warm-up.
 * Only the product's maximum is fetched: copying the whole product out of onnxruntime is not
 * matrix work (an encoder keeps its activations inside), and at large shapes it cost more than
 * the product (ViT-B/16, batch 16: 37 GFLOP/s fetching the product, while the whole encoder ran
 * at 50).
 */
export async function measureMatmulGflops(ort: Ort, m: number, k: number, n: number, provider: OnnxProvider, threads: number | undefined): Promise<number> {
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
