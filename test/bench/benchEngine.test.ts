import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildMatMulModel, measureMatmulGflops } from '../../src/bench/benchEngine.js';
import type { EmbeddingEngine } from '../../src/engines/embeddingEngine.js';
import { createOnnxEngine, type OnnxEngine } from '../../src/engines/onnx/OnnxEngine.js';
import { loadOrt } from '../../src/engines/onnx/onnxRuntime.js';
import { createTfjsEngine, type TfjsEngine } from '../../src/engines/tfjs/TfjsEngine.js';
import { loadModel } from '../../src/families/loadModel.js';
import { maxAbsDiff } from '../helpers/goldens.js';
import { fixturePath } from '../helpers/paths.js';

describe('buildMatMulModel', () => {
  it('is a graph onnxruntime runs as A x B with B = sin(i) * 0.05 row-major [k, n]', async () => {
    const ort = await loadOrt();
    const [m, k, n] = [3, 5, 4];
    const session = await ort.InferenceSession.create(buildMatMulModel(m, k, n));
    try {
      assert.deepEqual([session.inputNames, session.outputNames], [['A'], ['Y', 'Z']]);
      const a = Float32Array.from({ length: m * k }, (_, i) => i - 7);
      const out = await session.run({ A: new ort.Tensor('float32', a, [m, k]) });
      const expected: number[] = [];
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < n; c++) {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += (a[r * k + j] ?? 0) * Math.fround(Math.sin(j * n + c) * 0.05);
          expected.push(sum);
        }
      }
      assert.deepEqual(out.Y?.dims, [m, n]);
      assert.ok(maxAbsDiff(out.Y?.data as Float32Array, expected) < 1e-5);
      assert.ok(Math.abs(((out.Z?.data as Float32Array)[0] ?? NaN) - Math.max(...expected)) < 1e-5, 'Z is the maximum of Y');
    } finally {
      await session.release();
    }
  });
});

describe('measureMatmulGflops', () => {
  let onnxEngine: OnnxEngine;
  let tfjsEngine: TfjsEngine;
  before(async () => {
    const model = await loadModel(fixturePath('clip-tiny'));
    onnxEngine = await createOnnxEngine(model, { device: 'cpu' });
    tfjsEngine = await createTfjsEngine(model, { device: 'cpu' });
  });
  after(() => {
    onnxEngine.dispose();
    tfjsEngine.dispose();
  });

  it("reports a positive, finite throughput for the onnx and the tfjs engine's backends", async (t) => {
    for (const engine of [onnxEngine, tfjsEngine]) {
      const gflops = await measureMatmulGflops(engine, 50, 64, 256);
      t.diagnostic(`${engine.engine} ${engine.backend} [50, 64] x [64, 256]: ${gflops?.toFixed(2)} GFLOP/s`);
      assert.ok(gflops !== null && Number.isFinite(gflops) && gflops > 0, String(gflops));
    }
  });

  it('is null for an engine whose backend this thread cannot reach (e.g. one in a worker thread)', async () => {
    const elsewhere: EmbeddingEngine = {
      engine: 'onnx',
      backend: 'cpu fp32',
      config: onnxEngine.config,
      scoring: onnxEngine.scoring,
      embedImages: (pixels, count) => onnxEngine.embedImages(pixels, count),
      embedTexts: (ids, count) => onnxEngine.embedTexts(ids, count),
      dispose: () => undefined,
    };
    assert.equal(await measureMatmulGflops(elsewhere, 4, 4, 4), null);
  });
});
