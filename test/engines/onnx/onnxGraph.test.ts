import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import onnxProto from 'onnx-proto';
import { graphOpTypes, quantizesActivationsPerBatch } from '../../../src/engines/onnx/onnxGraph.js';
import { exportClipOnnx } from '../../../src/families/clip/clipOnnxExport.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { fixturePath } from '../../helpers/paths.js';

/** The op types onnx-proto's full decoder finds in a graph's nodes. */
const decodedOpTypes = (bytes: Uint8Array) => new Set((onnxProto.onnx.ModelProto.decode(bytes).graph?.node ?? []).map((n) => n.opType ?? ''));

describe('graphOpTypes and quantizesActivationsPerBatch', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-ops-'));
  let graphs: Record<string, Uint8Array>;
  before(async () => {
    const model = await loadModel(fixturePath('clip-tiny'));
    const fp32 = exportClipOnnx(model);
    const q8 = exportClipOnnx(model, { precision: 'q8' });
    graphs = { fp32Vision: fp32.vision, fp32Text: fp32.text, q8Vision: q8.vision, q8Text: q8.text };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the same op types as decoding the whole model, from memory and from a file', async () => {
    for (const [name, bytes] of Object.entries(graphs)) {
      const file = path.join(dir, `${name}.onnx`);
      fs.writeFileSync(file, bytes);
      assert.deepEqual(await graphOpTypes(bytes), decodedOpTypes(bytes), name);
      assert.deepEqual(await graphOpTypes(file), decodedOpTypes(bytes), `${name} (file)`);
    }
  });

  it('says a q8 graph quantizes its activations per batch, and an fp32 graph does not', async () => {
    assert.equal(await quantizesActivationsPerBatch(graphs['q8Vision']!), true);
    assert.equal(await quantizesActivationsPerBatch(graphs['q8Text']!), true);
    assert.equal(await quantizesActivationsPerBatch(graphs['fp32Vision']!), false);
    // A node whose op merely mentions the name elsewhere (an initializer called so) does not count.
    const decoy = onnxProto.onnx.ModelProto.encode({
      irVersion: 8,
      graph: { name: 'g', node: [{ opType: 'Identity', input: ['DynamicQuantizeLinear'], output: ['y'] }], initializer: [{ name: 'DynamicQuantizeLinear', dims: [1], dataType: 1, floatData: [1] }] },
    }).finish();
    assert.equal(await quantizesActivationsPerBatch(decoy), false);
  });
});
