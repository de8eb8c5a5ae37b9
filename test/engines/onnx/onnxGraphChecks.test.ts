import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { InferenceSession } from 'onnxruntime-node';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { loadOrt } from '../../../src/engines/onnx/onnxRuntime.js';
import { OnnxTower } from '../../../src/engines/onnx/OnnxTower.js';
import { onnx } from '../../../src/engines/onnx/onnxGraph.js';
import { EngineError } from '../../../src/errors/errors.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { fixturePath } from '../../helpers/paths.js';
import { encodeModel, identityModel, valueInfo } from './onnxTestModels.js';
import { tempModelDir } from './tempModelDir.js';

const { FLOAT, INT64 } = onnx.TensorProto.DataType;
const tinyOnnx = (file: string) => ({ copy: fixturePath('clip-tiny', 'onnx', file) });
const p16Onnx = (file: string) => ({ copy: fixturePath('clip-tiny-p16', 'onnx', file) });

/** Opens clip-tiny's config on `files` and returns the EngineError message it fails with. */
async function failure(model: LoadedModel, files: Parameters<typeof tempModelDir>[0]): Promise<{ message: string; dir: string }> {
  const dir = tempModelDir(files);
  try {
    const engine = await createOnnxEngine({ ...model, dir }, { device: 'cpu' });
    engine.dispose();
  } catch (error) {
    assert.ok(error instanceof EngineError, String(error));
    assert.equal(error.engine, 'onnx');
    return { message: error.message, dir };
  }
  assert.fail('the engine opened a graph it should have refused');
}

describe('onnx engine refuses graphs that are not CLIP towers, naming what it found', () => {
  let model: LoadedModel;
  before(async () => {
    model = await loadModel(fixturePath('clip-tiny'));
  });
  const pixels = { name: 'pixel_values', type: FLOAT, dims: ['batch', 3, 224, 224] };

  it("an exporter's pooler_output instead of image_embeds", async () => {
    const { message, dir } = await failure(model, {
      'onnx/vision_model.onnx': identityModel(pixels, { name: 'pooler_output', type: FLOAT, dims: ['batch', 3, 224, 224] }),
      'onnx/text_model.onnx': tinyOnnx('text_model.onnx'),
    });
    assert.ok(message.startsWith(`${path.join(dir, 'onnx', 'vision_model.onnx')} is not a vision tower stroop can run`), message);
    assert.match(message, /no output 'image_embeds'/);
    assert.match(message, /found inputs: pixel_values float32 \[batch, 3, 224, 224\]; outputs: pooler_output float32 \[batch, 3, 224, 224\]/);
  });

  it('an input under another name, and an input it cannot fill', async () => {
    const renamed = await failure(model, {
      'onnx/vision_model.onnx': identityModel({ ...pixels, name: 'images' }, { name: 'image_embeds', type: FLOAT, dims: ['batch', 3, 224, 224] }),
      'onnx/text_model.onnx': tinyOnnx('text_model.onnx'),
    });
    assert.match(renamed.message, /no input 'pixel_values', expected pixel_values float32\|float16 \[batch, 3, 224, 224\].*found inputs: images/);
    const extra = encodeModel({
      name: 'text',
      node: [{ opType: 'Add', input: ['input_ids', 'position_ids'], output: ['text_embeds'], name: 'add' }],
      input: [valueInfo('input_ids', INT64, ['batch', 77]), valueInfo('position_ids', INT64, ['batch', 77])],
      output: [valueInfo('text_embeds', INT64, ['batch', 77])],
    });
    const { message } = await failure(model, { 'onnx/vision_model.onnx': tinyOnnx('vision_model.onnx'), 'onnx/text_model.onnx': extra });
    assert.match(message, /text tower .*unexpected inputs 'position_ids', expected only input_ids and attention_mask/);
  });

  it('a graph made for another image size, embedding width, or with a fixed batch', async () => {
    const size = await failure(model, { 'onnx/vision_model.onnx': p16Onnx('vision_model.onnx'), 'onnx/text_model.onnx': tinyOnnx('text_model.onnx') });
    assert.match(size.message, /input 'pixel_values' is \[batch, 3, 64, 64\], expected pixel_values float32\|float16 \[batch, 3, 224, 224\]/);
    const width = await failure(model, { 'onnx/vision_model.onnx': tinyOnnx('vision_model.onnx'), 'onnx/text_model.onnx': p16Onnx('text_model.onnx') });
    assert.match(width.message, /output 'text_embeds' is \[batch, 48\], expected \[batch, 32\] \(projection_dim in config.json\)/);
    const fixed = await failure(model, {
      'onnx/vision_model.onnx': identityModel({ ...pixels, dims: [1, 3, 224, 224] }, { name: 'image_embeds', type: FLOAT, dims: [1, 3, 224, 224] }),
      'onnx/text_model.onnx': tinyOnnx('text_model.onnx'),
    });
    assert.match(fixed.message, /input 'pixel_values' is \[1, 3, 224, 224\]/);
  });

  it('token ids of a float type', async () => {
    const floatIds = identityModel({ name: 'input_ids', type: FLOAT, dims: ['batch', 77] }, { name: 'text_embeds', type: FLOAT, dims: ['batch', 77] });
    const { message } = await failure(model, { 'onnx/vision_model.onnx': tinyOnnx('vision_model.onnx'), 'onnx/text_model.onnx': floatIds });
    assert.match(message, /'input_ids' is float32, expected int64 or int32/);
  });

  it('a file that is not an ONNX model', async () => {
    const { message, dir } = await failure(model, {
      'onnx/vision_model.onnx': new TextEncoder().encode('not a protobuf at all'),
      'onnx/text_model.onnx': tinyOnnx('text_model.onnx'),
    });
    assert.ok(message.startsWith(`ONNX Runtime could not load ${path.join(dir, 'onnx', 'vision_model.onnx')}:`), message);
  });

  it('an output whose width onnxruntime infers as wrong is refused before any run', async () => {
    const pooled = encodeModel({
      name: 'vision',
      node: [{ opType: 'ReduceMean', input: ['pixel_values'], output: ['image_embeds'], name: 'mean', attribute: [{ name: 'axes', ints: [2, 3], type: onnx.AttributeProto.AttributeType.INTS }, { name: 'keepdims', i: 0, type: onnx.AttributeProto.AttributeType.INT }] }],
      input: [valueInfo('pixel_values', FLOAT, ['batch', 3, 224, 224])],
      output: [{ name: 'image_embeds', type: { tensorType: { elemType: FLOAT } } }],
    });
    const { message } = await failure(model, { 'onnx/vision_model.onnx': pooled, 'onnx/text_model.onnx': tinyOnnx('text_model.onnx') });
    assert.match(message, /output 'image_embeds' is \[batch, 3\], expected \[batch, 32\]/);
  });
});

describe('OnnxTower checks what a run returns', () => {
  const io = { input: 'pixel_values', inputType: 'float32', ones: [], output: 'image_embeds', outputType: 'float32' } as const;
  /** A session stand-in that returns `result` from every run. */
  const sessionReturning = (result: Record<string, unknown>) => ({ run: async () => result, release: async () => undefined }) as unknown as InferenceSession;

  it('refuses an output of the wrong shape, a missing output and a non-float output', async () => {
    const ort = await loadOrt();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ image_embeds: new ort.Tensor('float32', new Float32Array(6), [2, 3]) }, /returned 'image_embeds' as float32 \[2, 3\], expected float \[2, 4\]/],
      [{}, /returned 'image_embeds' as nothing, expected float \[2, 4\]/],
      [{ image_embeds: new ort.Tensor('int32', new Int32Array(8), [2, 4]) }, /returned 'image_embeds' as int32 \[2, 4\]/],
    ];
    for (const [result, pattern] of cases) {
      const tower = new OnnxTower(ort, sessionReturning(result), io, 'fake.onnx', 4);
      await assert.rejects(tower.run(new Float32Array(2 * 3), [2, 3]), (e: unknown) => e instanceof EngineError && pattern.test(e.message));
    }
    const good = new OnnxTower(ort, sessionReturning({ image_embeds: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), [2, 4]) }), io, 'fake.onnx', 4);
    assert.deepEqual([...(await good.run(new Float32Array(6), [2, 3])).data], [1, 2, 3, 4, 5, 6, 7, 8]);
    good.release();
    good.release();
    await assert.rejects(good.run(new Float32Array(6), [2, 3]), /disposed/);
  });
});
