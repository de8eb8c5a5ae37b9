import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { StroopError } from '../../src/errors/errors.js';
import { writeOnnxExport } from '../../src/families/exportModelOnnx.js';
import { loadModel } from '../../src/families/loadModel.js';
import { fixturePath } from '../helpers/paths.js';
import { openSession } from '../helpers/runExportedGraph.js';

describe('writeOnnxExport', async () => {
  const model = await loadModel(fixturePath('clip-tiny'));
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'stroop-export-'));
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('writes onnx/vision_model.onnx and onnx/text_model.onnx that ONNX Runtime loads, and nothing else', async () => {
    const out = path.join(root, 'fp32');
    const written = await writeOnnxExport(model, out);
    assert.deepEqual(
      written.map((f) => path.relative(out, f.path)),
      [path.join('onnx', 'vision_model.onnx'), path.join('onnx', 'text_model.onnx')],
    );
    assert.deepEqual((await fs.readdir(path.join(out, 'onnx'))).sort(), ['text_model.onnx', 'vision_model.onnx']);
    for (const file of written) {
      const bytes = await fs.readFile(file.path);
      assert.equal(bytes.byteLength, file.bytes);
      const session = await openSession(bytes);
      assert.ok(session.inputNames.length === 1);
    }
  });

  it('with quantize also writes the _quantized siblings, replacing old files and keeping unrelated ones', async () => {
    const out = path.join(root, 'q8');
    await fs.mkdir(path.join(out, 'onnx'), { recursive: true });
    await fs.writeFile(path.join(out, 'onnx', 'vision_model.onnx'), 'stale');
    await fs.writeFile(path.join(out, 'onnx', 'model.onnx'), 'unrelated');
    await writeOnnxExport(model, out, { quantize: true });
    assert.deepEqual((await fs.readdir(path.join(out, 'onnx'))).sort(), [
      'model.onnx',
      'text_model.onnx',
      'text_model_quantized.onnx',
      'vision_model.onnx',
      'vision_model_quantized.onnx',
    ]);
    assert.notEqual((await fs.readFile(path.join(out, 'onnx', 'vision_model.onnx'))).toString('latin1', 0, 5), 'stale');
    assert.equal(await fs.readFile(path.join(out, 'onnx', 'model.onnx'), 'utf8'), 'unrelated');
  });

  it('fails with a StroopError naming the path when the output directory cannot be created', async () => {
    const blocker = path.join(root, 'a-file');
    await fs.writeFile(blocker, 'not a directory');
    await assert.rejects(writeOnnxExport(model, blocker), (error: unknown) => error instanceof StroopError && error.message.includes(blocker));
  });

  it('leaves no temporary file behind when a write fails', async () => {
    const out = path.join(root, 'blocked');
    // A directory where the vision model file should go makes the rename fail.
    await fs.mkdir(path.join(out, 'onnx', 'vision_model.onnx'), { recursive: true });
    await assert.rejects(writeOnnxExport(model, out), (error: unknown) => error instanceof StroopError && error.message.includes('vision_model.onnx'));
    assert.deepEqual(await fs.readdir(path.join(out, 'onnx')), ['vision_model.onnx']);
  });
});
