import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { quantizesActivationsPerBatch } from '../../../src/engines/onnx/onnxGraph.js';
import { exportClipOnnx } from '../../../src/families/clip/clipOnnxExport.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { openSession, runVision } from '../../helpers/runExportedGraph.js';
import { readGoldenEmbeddings, readGoldenPixels } from '../../helpers/goldens.js';
import { fixturePath } from '../../helpers/paths.js';
import { tempModelDir } from './tempModelDir.js';

/**
 * An embedding must be a function of its own image: the result log, the embedding cache (keyed by
 * image hash), shards and resumed runs all assume it. A q8 graph quantizes activations with one
 * scale per batch, so the engine runs it one image at a time.
 */
describe('onnx engine: an embedding does not depend on the rest of its batch', () => {
  const fixture = 'clip-tiny';
  let model: LoadedModel;
  let pixels: Float32Array;
  let count: number;
  let perImage: number;
  before(async () => {
    model = await loadModel(fixturePath(fixture));
    const golden = readGoldenEmbeddings(fixture);
    perImage = model.config.vision.numChannels * model.config.vision.imageSize ** 2;
    // The golden images and their negatives: a batch whose activation range differs from each image's own.
    count = 2 * golden.images.length;
    pixels = new Float32Array(count * perImage);
    golden.images.forEach((image, i) => {
      const one = readGoldenPixels(fixture, image);
      pixels.set(one, i * perImage);
      pixels.set(one.map((v) => -3 * v), (i + golden.images.length) * perImage);
    });
  });

  it('q8 (DynamicQuantizeMatMul): batched embeddings equal one-at-a-time ones bit for bit, where the bare graph differs', async () => {
    const q8 = exportClipOnnx(model, { precision: 'q8' });
    assert.equal(await quantizesActivationsPerBatch(q8.vision), true);
    const { numChannels, imageSize } = model.config.vision;
    const session = await openSession(q8.vision);
    const bareBatch = await runVision(session, pixels, count, numChannels, imageSize);
    const bareAlone = new Float32Array(bareBatch.length);
    const dim = bareBatch.length / count;
    for (let i = 0; i < count; i++) bareAlone.set(await runVision(session, pixels.subarray(i * perImage, (i + 1) * perImage), 1, numChannels, imageSize), i * dim);
    assert.notDeepEqual(bareBatch, bareAlone, 'the bare q8 graph is batch-dependent (else this test could not fail)');

    const dir = tempModelDir({ 'onnx/vision_model_quantized.onnx': q8.vision, 'onnx/text_model_quantized.onnx': q8.text });
    const engine = await createOnnxEngine({ ...model, dir }, { device: 'cpu', dtype: 'q8' });
    try {
      const batched = await engine.embedImages(pixels, count);
      assert.deepEqual(batched.data, bareAlone);
    } finally {
      engine.dispose();
    }
  });

  it('fp32 graphs are batch-invariant already and keep their batches', async () => {
    const fp32 = exportClipOnnx(model);
    assert.equal(await quantizesActivationsPerBatch(fp32.vision), false);
    const dir = tempModelDir({ 'onnx/vision_model.onnx': fp32.vision, 'onnx/text_model.onnx': fp32.text });
    
    const engine = await createOnnxEngine({ ...model, dir }, { device: 'cpu' });
    try {
      const batched = await engine.embedImages(pixels, count);
      for (let i = 0; i < count; i++) {
        const alone = await engine.embedImages(pixels.subarray(i * perImage, (i + 1) * perImage), 1);
        assert.deepEqual(batched.data.subarray(i * alone.dim, (i + 1) * alone.dim), alone.data);
      }
    } finally {
      engine.dispose();
    }
  });
});
