import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildMatMulModel } from '../../../src/engines/onnx/buildMatMulModel.js';
import { createOnnxEngine } from '../../../src/engines/onnx/createOnnxEngine.js';
import { loadOrt } from '../../../src/engines/onnx/loadOrt.js';
import type { OnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { maxAbsDiff } from '../../helpers/goldens.js';
import { fixturePath } from '../../helpers/paths.js';

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

describe('OnnxEngine.matmulGflops', () => {
  let engine: OnnxEngine;
  before(async () => {
    engine = await createOnnxEngine(await loadModel(fixturePath('clip-tiny')), { device: 'cpu' });
  });
  after(() => engine.dispose());

  it('reports a positive, finite throughput, and refuses once disposed', async (t) => {
    const gflops = await engine.matmulGflops(50, 64, 256);
    t.diagnostic(`[50, 64] x [64, 256]: ${gflops.toFixed(2)} GFLOP/s`);
    assert.ok(Number.isFinite(gflops) && gflops > 0, String(gflops));
    const other = await createOnnxEngine(await loadModel(fixturePath('clip-tiny')), { device: 'cpu' });
    other.dispose();
    await assert.rejects(other.matmulGflops(4, 4, 4), /disposed/);
  });
});
