import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EmbeddingEngine } from '../../../src/engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../../../src/zeroshot/zeroShotClassification.js';
import { createOnnxEngine } from '../../../src/engines/onnx/OnnxEngine.js';
import { createTfjsEngine } from '../../../src/engines/tfjs/TfjsEngine.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { maxAbsDiff, readGoldenEmbeddings, readGoldenPixels } from '../../helpers/goldens.js';
import { fixturePath, modelFixtures } from '../../helpers/paths.js';

function normalised(m: EmbeddingMatrix): Float32Array {
  const out = new Float32Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    const row = m.data.subarray(r * m.dim, (r + 1) * m.dim);
    const norm = Math.hypot(...row);
    row.forEach((v, i) => (out[r * m.dim + i] = v / norm));
  }
  return out;
}

/** Deterministic values in [lo, hi) (a 32-bit LCG), so a failure replays. */
function lcg(seed: number, length: number, lo: number, hi: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return lo + (state / 2 ** 32) * (hi - lo);
  });
}

for (const fixture of modelFixtures) {
  describe(`onnx and tfjs engines agree on ${fixture}`, () => {
    const golden = readGoldenEmbeddings(fixture);
    let model: LoadedModel;
    let onnxEngine: EmbeddingEngine;
    let tfjsEngine: EmbeddingEngine;

    before(async () => {
      model = await loadModel(fixturePath(fixture));
      onnxEngine = await createOnnxEngine(model, { device: 'cpu' });
      tfjsEngine = await createTfjsEngine(model, { device: 'cpu' });
    });
    after(() => {
      onnxEngine.dispose();
      tfjsEngine.dispose();
    });

    it('normalised image embeddings within 1e-4 (golden pixel values + 4 seeded random images in [-2, 2))', async (t) => {
      const perImage = model.config.vision.numChannels * model.config.vision.imageSize ** 2;
      const count = golden.images.length + 4;
      const pixels = new Float32Array(count * perImage);
      golden.images.forEach((image, i) => pixels.set(readGoldenPixels(fixture, image), i * perImage));
      pixels.set(lcg(7, 4 * perImage, -2, 2), golden.images.length * perImage);
      const [a, b] = [await onnxEngine.embedImages(pixels, count), await tfjsEngine.embedImages(pixels, count)];
      const diff = maxAbsDiff(normalised(a), normalised(b));
      t.diagnostic(`max |normalised image diff| = ${diff.toExponential(2)} over ${count} images (raw: ${maxAbsDiff(a.data, b.data).toExponential(2)})`);
      assert.ok(diff <= 1e-4, `max |normalised image diff| = ${diff} (seed 7)`);
    });

    it('normalised text embeddings within 1e-4 (golden input_ids + 8 seeded random token rows)', async (t) => {
      assert.equal(model.config.family, 'clip');
      const { maxPositionEmbeddings: context, bosTokenId, eosTokenId } = model.config.text;
      const random = Array.from({ length: 8 }, (_, r) => {
        const length = 3 + r * 9;
        const row = new Array<number>(context).fill(0);
        lcg(100 + r, length - 2, 0, bosTokenId).forEach((v, i) => (row[i + 1] = Math.floor(v)));
        row[0] = bosTokenId;
        row[length - 1] = eosTokenId;
        return row;
      });
      const ids = Int32Array.from([...golden.text_input_ids, ...random].flat());
      const count = ids.length / context;
      const [a, b] = [await onnxEngine.embedTexts(ids, count), await tfjsEngine.embedTexts(ids, count)];
      const diff = maxAbsDiff(normalised(a), normalised(b));
      t.diagnostic(`max |normalised text diff| = ${diff.toExponential(2)} over ${count} texts (raw: ${maxAbsDiff(a.data, b.data).toExponential(2)})`);
      assert.ok(diff <= 1e-4, `max |normalised text diff| = ${diff} (seeds 100-107)`);
    });

    it('the same logit scale', () => {
      assert.ok(Math.abs(onnxEngine.scoring.logitScale - tfjsEngine.scoring.logitScale) < 1e-6);
    });
  });
}
