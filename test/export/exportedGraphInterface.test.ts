import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import onnxProto from 'onnx-proto';
import { exportClipOnnx } from '../../src/export/exportClipOnnx.js';
import { loadModel } from '../../src/families/loadModel.js';
import { fixturePath } from '../helpers/paths.js';

const { DataType } = onnxProto.onnx.TensorProto;

function describeValues(values: onnxProto.onnx.IValueInfoProto[] | null | undefined): string[] {
  return (values ?? []).map((v) => {
    const tensor = v.type?.tensorType;
    const dims = (tensor?.shape?.dim ?? []).map((d) => d.dimParam || String(d.dimValue));
    return `${v.name} ${DataType[tensor?.elemType ?? 0]} [${dims.join(', ')}]`;
  });
}

describe('exported graphs have the Optimum / transformers.js interface', async () => {
  const model = await loadModel(fixturePath('clip-tiny-p16'));
  for (const [precision, fusedOps] of [
    ['fp32', true],
    ['fp32', false],
    ['q8', true],
  ] as const) {
    const graphs = exportClipOnnx(model, { precision, fusedOps, producerVersion: '9.9.9' });
    const vision = onnxProto.onnx.ModelProto.decode(graphs.vision);
    const text = onnxProto.onnx.ModelProto.decode(graphs.text);

    it(`${precision}${fusedOps ? '' : ' standard ops'}: names, element types and a symbolic batch dimension`, () => {
      assert.deepEqual(describeValues(vision.graph?.input), ['pixel_values FLOAT [batch, 3, 64, 64]']);
      assert.deepEqual(describeValues(vision.graph?.output), ['image_embeds FLOAT [batch, 48]']);
      assert.deepEqual(describeValues(text.graph?.input), ['input_ids INT64 [batch, 77]']);
      assert.deepEqual(describeValues(text.graph?.output), ['text_embeds FLOAT [batch, 48]']);
    });

    it(`${precision}${fusedOps ? '' : ' standard ops'}: opset 17, IR 8, producer and domains`, () => {
      for (const m of [vision, text]) {
        assert.equal(Number(m.irVersion), 8);
        assert.equal(m.producerName, 'stroop');
        assert.equal(m.producerVersion, '9.9.9');
        const opsets = new Map(m.opsetImport.map((o) => [o.domain ?? '', Number(o.version)]));
        assert.equal(opsets.get(''), 17);
        const usesContrib = (m.graph?.node ?? []).some((n) => n.domain === 'com.microsoft');
        assert.equal(opsets.has('com.microsoft'), usesContrib);
        if (precision === 'fp32' && !fusedOps) assert.equal(usesContrib, false, 'standard ops only');
        assert.ok((m.graph?.node ?? []).some((n) => n.opType === 'LayerNormalization' || n.opType === 'SkipLayerNormalization'));
      }
    });
  }
});
