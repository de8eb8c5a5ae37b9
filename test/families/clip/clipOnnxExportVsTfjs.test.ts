import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InferenceSession } from 'onnxruntime-node';
import type { EmbeddingEngine } from '../../../src/engines/embeddingEngine.js';
import { createTfjsEngine } from '../../../src/engines/tfjs/TfjsEngine.js';
import { exportClipOnnx } from '../../../src/families/clip/clipOnnxExport.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import type { HiddenAct } from '../../../src/model/towerConfig.js';
import { maxAbsDiff } from '../../helpers/goldens.js';
import { openSession, runText, runVision } from '../../helpers/runExportedGraph.js';
import { normalSource, tinyClipConfig, tinyClipModel } from './tinyClipModel.js';

const tolerance = 1e-4;

/** Rows of 20 ids (eos 299, bos 298) covering each pooling case. */
const idRows: Record<string, number[]> = {
  shortEos: [298, 5, 17, 299],
  paddedWithEos: [298, 100, 200, 150, 7, 8, 9, 10, 299, 299, 299, 299],
  noEosArgmax: [12, 250, 3, 297, 7],
  fullLength: [298, ...Array.from({ length: 18 }, (_, i) => 20 + i * 13), 299],
  twoEos: [298, 4, 299, 5, 299, 6],
};
const padded = (row: number[]) => [...row, ...Array<number>(20 - row.length).fill(0)];

const activationPairs: Array<[HiddenAct, HiddenAct]> = [
  ['quick_gelu', 'gelu'],
  ['gelu_new', 'relu'],
  ['gelu_pytorch_tanh', 'quick_gelu'],
];

// Engines are created one after another, before any suite runs: tfjs switches backends globally.
const cases: Array<{ seed: number; model: LoadedModel; engine: EmbeddingEngine }> = [];
for (const [index, [textAct, visionAct]] of activationPairs.entries()) {
  const seed = 17 + index;
  const model = tinyClipModel(tinyClipConfig(textAct, visionAct), seed);
  cases.push({ seed, model, engine: await createTfjsEngine(model, { device: 'cpu' }) });
}
after(() => cases.forEach(({ engine }) => engine.dispose()));

for (const { seed, model, engine } of cases) {
  const { numChannels, imageSize } = model.config.vision;
  const pixels = Float32Array.from({ length: 3 * numChannels * imageSize * imageSize }, normalSource(seed + 100));
  const perImage = numChannels * imageSize * imageSize;
  const { hiddenAct: textAct } = model.config.text;
  const { hiddenAct: visionAct } = model.config.vision;

  for (const fusedOps of [true, false]) {
    describe(`ONNX export vs tfjs engine: text ${textAct}, vision ${visionAct}, ${fusedOps ? 'fused' : 'standard'} ops (seed ${seed})`, () => {
      let textSession: InferenceSession;
      let visionSession: InferenceSession;
      before(async () => {
        const graphs = exportClipOnnx(model, { fusedOps });
        textSession = await openSession(graphs.text);
        visionSession = await openSession(graphs.vision);
      });

      const expectTexts = async (names: string[]) => {
        const rows = names.map((name) => padded(idRows[name]!));
        const expected = await engine.embedTexts(Int32Array.from(rows.flat()), rows.length);
        const actual = await runText(textSession, rows);
        assert.ok(maxAbsDiff(actual, expected.data) <= tolerance, `${names.join(',')}: max |diff| ${maxAbsDiff(actual, expected.data)}`);
      };

      for (const name of Object.keys(idRows)) it(`text, batch 1: ${name}`, () => expectTexts([name]));
      it('text, batch 3 of different lengths (with and without eos)', () => expectTexts(['shortEos', 'noEosArgmax', 'fullLength']));
      it('text, batch 5', () => expectTexts(Object.keys(idRows)));

      for (const count of [1, 3]) {
        it(`images, batch ${count}`, async () => {
          const batch = pixels.subarray(0, count * perImage);
          const expected = await engine.embedImages(batch, count);
          const actual = await runVision(visionSession, batch, count, numChannels, imageSize);
          assert.ok(maxAbsDiff(actual, expected.data) <= tolerance, `max |diff| ${maxAbsDiff(actual, expected.data)}`);
        });
      }
    });
  }
}
