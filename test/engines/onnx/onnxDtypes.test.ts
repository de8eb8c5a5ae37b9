import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { maxAbsDiff, readGoldenEmbeddings, readGoldenPixels } from '../../helpers/goldens.js';
import { fixturePath, modelFixtures } from '../../helpers/paths.js';
import { withFloat16Io } from './onnxTestModels.js';
import { tempModelDir } from './tempModelDir.js';

/** Bytes no ONNX loader accepts: a decoy at every file name the engine must NOT pick. */
const decoy = new TextEncoder().encode('decoy: the wrong file for this dtype was opened');

for (const fixture of modelFixtures) {
  describe(`onnx engine --dtype on ${fixture}`, () => {
    const golden = readGoldenEmbeddings(fixture);
    const towers = (name: string) => fixturePath(fixture, 'onnx', name);
    let model: LoadedModel;
    let pixels: Float32Array;
    let ids: Int32Array;

    before(async () => {
      model = await loadModel(fixturePath(fixture));
      const perImage = model.config.vision.numChannels * model.config.vision.imageSize ** 2;
      pixels = new Float32Array(golden.images.length * perImage);
      golden.images.forEach((image, i) => pixels.set(readGoldenPixels(fixture, image), i * perImage));
      ids = Int32Array.from(golden.text_input_ids.flat());
    });

    it('fp16 reads *_fp16.onnx and converts float16 inputs and outputs', async () => {
      const dir = tempModelDir({
        'onnx/vision_model_fp16.onnx': withFloat16Io(towers('vision_model.onnx')),
        'onnx/text_model_fp16.onnx': withFloat16Io(towers('text_model.onnx')),
        'onnx/vision_model.onnx': decoy,
        'onnx/text_model.onnx': decoy,
        'onnx/model.onnx': decoy,
      });
      const engine = await createOnnxEngine({ ...model, dir }, { device: 'cpu', dtype: 'fp16' });
      try {
        assert.equal(engine.backend, 'cpu fp16');
        // Text: only the output is rounded to half precision (relative error <= 2^-11), on top of
        // the fp32 graph's 1e-4 golden tolerance.
        const texts = await engine.embedTexts(ids, golden.texts.length);
        golden.text_embeds.flat().forEach((want, i) => {
          const got = texts.data[i] ?? NaN;
          assert.ok(Math.abs(got - want) <= Math.abs(want) * 2 ** -11 + 1e-4, `text value ${i}: ${got} vs ${want}`);
        });
        // Images: pixel values are rounded to half precision too (<= 1e-3 for |x| <= 2.2), a
        // perturbation well below one 8-bit level (0.015, which moves embeddings by up to 6e-3).
        const images = await engine.embedImages(pixels, golden.images.length);
        const diff = maxAbsDiff(images.data, golden.image_embeds.flat());
        assert.ok(diff <= 3e-3, `max |image diff| = ${diff}`);
      } finally {
        engine.dispose();
      }
    });

    it('q8 reads *_quantized.onnx (here fp32 graphs under that name, so the goldens hold to 1e-4)', async () => {
      const dir = tempModelDir({
        'onnx/vision_model_quantized.onnx': { copy: towers('vision_model.onnx') },
        'onnx/text_model_quantized.onnx': { copy: towers('text_model.onnx') },
        'onnx/vision_model.onnx': decoy,
        'onnx/text_model.onnx': decoy,
        'onnx/vision_model_fp16.onnx': decoy,
        'onnx/text_model_fp16.onnx': decoy,
      });
      const engine = await createOnnxEngine({ ...model, dir }, { device: 'cpu', dtype: 'q8' });
      try {
        assert.equal(engine.backend, 'cpu q8');
        assert.ok(maxAbsDiff((await engine.embedTexts(ids, golden.texts.length)).data, golden.text_embeds.flat()) <= 1e-4);
        assert.ok(maxAbsDiff((await engine.embedImages(pixels, golden.images.length)).data, golden.image_embeds.flat()) <= 1e-4);
      } finally {
        engine.dispose();
      }
    });
  });
}
