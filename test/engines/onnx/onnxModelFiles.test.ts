import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { hasOnnxModel, locateOnnxModel } from '../../../src/engines/onnx/onnxModelFiles.js';
import { EngineError } from '../../../src/errors/errors.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { fixturePath } from '../../helpers/paths.js';
import { tempModelDir } from './tempModelDir.js';

const empty = new Uint8Array(0);
const everyName = [
  'vision_model.onnx', 'text_model.onnx', 'model.onnx',
  'vision_model_fp16.onnx', 'text_model_fp16.onnx', 'model_fp16.onnx',
  'vision_model_quantized.onnx', 'text_model_quantized.onnx', 'model_quantized.onnx',
];
const inOnnx = (names: string[]) => Object.fromEntries(names.map((n) => [`onnx/${n}`, empty]));

describe('locateOnnxModel', () => {
  it('picks the file pair of the requested dtype when every variant is present', async () => {
    const dir = tempModelDir(inOnnx(everyName));
    const expect = { fp32: '', fp16: '_fp16', q8: '_quantized' } as const;
    for (const [dtype, suffix] of Object.entries(expect) as [keyof typeof expect, string][]) {
      assert.deepEqual(await locateOnnxModel(dir, dtype), {
        kind: 'split',
        vision: path.join(dir, 'onnx', `vision_model${suffix}.onnx`),
        text: path.join(dir, 'onnx', `text_model${suffix}.onnx`),
      });
    }
  });

  it('falls back to the combined model of that dtype when a tower file is missing', async () => {
    const dir = tempModelDir(inOnnx(['vision_model_quantized.onnx', 'model_quantized.onnx', 'model.onnx', 'text_model.onnx', 'vision_model.onnx']));
    assert.deepEqual(await locateOnnxModel(dir, 'q8'), { kind: 'combined', model: path.join(dir, 'onnx', 'model_quantized.onnx') });
    assert.equal((await locateOnnxModel(dir, 'fp32')).kind, 'split');
  });

  it("looks in the directory itself (Optimum's layout) after onnx/", async () => {
    const dir = tempModelDir({ 'model.onnx': empty });
    assert.deepEqual(await locateOnnxModel(dir, 'fp32'), { kind: 'combined', model: path.join(dir, 'model.onnx') });
    const both = tempModelDir({ 'model.onnx': empty, 'onnx/vision_model.onnx': empty, 'onnx/text_model.onnx': empty });
    assert.equal((await locateOnnxModel(both, 'fp32')).kind, 'split');
  });

  it('names the expected paths, what it found and the exporter command when files are missing', async () => {
    const dir = tempModelDir(inOnnx(['vision_model.onnx', 'text_model.onnx']));
    await assert.rejects(locateOnnxModel(dir, 'fp16'), (e: unknown) => {
      assert.ok(e instanceof EngineError);
      assert.equal(e.engine, 'onnx');
      for (const expected of ['vision_model_fp16.onnx', 'text_model_fp16.onnx', 'model_fp16.onnx']) assert.ok(e.message.includes(path.join(dir, 'onnx', expected)), e.message);
      assert.match(e.message, /--dtype fp16/);
      assert.ok(e.message.includes(`stroop export-onnx --model ${dir}`), e.message);
      assert.match(e.message, /found: onnx\/text_model\.onnx, onnx\/vision_model\.onnx/);
      return true;
    });
    const bare = tempModelDir({ 'onnx/text_model.onnx': empty });
    await assert.rejects(locateOnnxModel(bare, 'fp32'), /vision_model\.onnx and .*text_model\.onnx.*found: onnx\/text_model\.onnx/);
  });

  it('createOnnxEngine refuses a model without ONNX files and one built in memory', async () => {
    const model = await loadModel(fixturePath('clip-tiny'));
    await assert.rejects(createOnnxEngine({ ...model, dir: tempModelDir({}) }, { device: 'cpu' }), (e: unknown) => e instanceof EngineError && /ONNX files found: none.*stroop export-onnx/.test(e.message));
    await assert.rejects(createOnnxEngine({ ...model, dir: '' }, { device: 'cpu' }), (e: unknown) => e instanceof EngineError && /built in memory/.test(e.message));
    await assert.rejects(createOnnxEngine(model, { device: 'cpu', threads: 0 }), /--threads must be a whole number >= 1, got 0/);
  });
});

describe('hasOnnxModel', () => {
  it('is true for a tower pair or a combined graph of any dtype, false otherwise', async () => {
    assert.equal(await hasOnnxModel(fixturePath('clip-tiny')), true);
    assert.equal(await hasOnnxModel(tempModelDir(inOnnx(['model_quantized.onnx']))), true);
    assert.equal(await hasOnnxModel(tempModelDir({ 'model_fp16.onnx': empty })), true);
    assert.equal(await hasOnnxModel(tempModelDir(inOnnx(['vision_model.onnx', 'text_model_fp16.onnx']))), false);
    assert.equal(await hasOnnxModel(tempModelDir({ 'model.safetensors': empty })), false);
    assert.equal(await hasOnnxModel(path.join(fixturePath('clip-tiny'), 'no-such-dir')), false);
    assert.equal(await hasOnnxModel(''), false);
  });
});
