import { expectedClipWeightShapes } from '../../src/families/clip/clipConfig.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import onnxProto from 'onnx-proto';
import { vitB32Config } from '../../src/bench/benchEngine.js';
import { ModelLoadError } from '../../src/errors/errors.js';
import { towerWeightBytes } from '../../src/export/encodeTowerGraph.js';
import type { ClipConfig } from '../../src/families/clip/clipConfig.js';
import { exportClipOnnx } from '../../src/families/clip/clipOnnxExport.js';
import { loadModel } from '../../src/families/loadModel.js';
import { familyOf } from '../../src/families/modelFamilies.js';
import { fixturePath } from '../helpers/paths.js';

function initializerBytes(bytes: Uint8Array): number {
  const graph = onnxProto.onnx.ModelProto.decode(bytes).graph;
  return (graph?.initializer ?? []).reduce((sum, t) => sum + (t.rawData?.byteLength ?? 0), 0);
}

describe('towerWeightBytes', () => {
  it('predicts the weight bytes of the exported graphs (within the small constants they add)', async () => {
    const model = await loadModel(fixturePath('clip-tiny-p16'));
    for (const precision of ['fp32', 'q8'] as const) {
      const graphs = exportClipOnnx(model, { precision });
      for (const tower of ['vision', 'text'] as const) {
        const predicted = towerWeightBytes(familyOf(model.config).expectedWeightShapes(model.config), tower, precision);
        const actual = initializerBytes(graphs[tower]);
        // Extra in the graph: q8 scales, the text causal mask (fp32 standard ops), shape constants.
        assert.ok(actual >= predicted * 0.97 && actual <= predicted * 1.1 + 77 * 77 * 4, `${precision} ${tower}: predicted ${predicted}, graph ${actual}`);
      }
    }
  });

  it('ViT-B/32 is ~350 MB (vision) and ~250 MB (text) in fp32', () => {
    assert.ok(Math.abs(towerWeightBytes(expectedClipWeightShapes(vitB32Config), 'vision', 'fp32') / 1e6 - 351) < 2);
    assert.ok(Math.abs(towerWeightBytes(expectedClipWeightShapes(vitB32Config), 'text', 'fp32') / 1e6 - 254) < 2);
  });
});

describe('exportClipOnnx on a model too large for one ONNX file', () => {
  const huge: ClipConfig = { ...vitB32Config, vision: { ...vitB32Config.vision, hiddenSize: 1664, intermediateSize: 8192, numHiddenLayers: 48, numAttentionHeads: 16 } };

  it('refuses with a ModelLoadError naming the tower and its size, before reading any weight', () => {
    const model = { id: 'huge-clip', dir: '/models/huge-clip', config: huge, preprocessor: undefined as never, weights: new Map() };
    assert.throws(
      () => exportClipOnnx(model),
      (error: unknown) => error instanceof ModelLoadError && /huge-clip.*vision tower holds \d+\.\d\d GiB of fp32 weights.*less than 2 GiB/.test(error.message) && error.path === '/models/huge-clip',
    );
  });

  it('the int8 export of the same model fits', () => {
    assert.ok(towerWeightBytes(expectedClipWeightShapes(huge), 'vision', 'q8') < 2 ** 31 - 2 ** 24);
  });
});
