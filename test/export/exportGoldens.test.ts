import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportClipOnnx } from '../../src/export/exportClipOnnx.js';
import { loadModel } from '../../src/families/loadModel.js';
import { maxAbsDiff, readGoldenEmbeddings, readGoldenPixels } from '../helpers/goldens.js';
import { fixturePath, modelFixtures } from '../helpers/paths.js';
import { openSession, runText, runVision } from './runExportedGraph.js';

/** The goldens' stated tolerance for embeddings from golden input_ids / pixel_values. */
const tolerance = 1e-4;

for (const fixture of modelFixtures) {
  for (const fusedOps of [true, false]) {
    describe(`ONNX export of ${fixture} (${fusedOps ? 'fused contrib ops' : 'standard ops only'}) vs OpenAI goldens`, async () => {
      const model = await loadModel(fixturePath(fixture));
      const golden = readGoldenEmbeddings(fixture);
      const graphs = exportClipOnnx(model, { fusedOps });

      it('text_embeds from the golden input_ids match within 1e-4', async () => {
        const embeds = await runText(await openSession(graphs.text), golden.text_input_ids);
        assert.ok(maxAbsDiff(embeds, golden.text_embeds.flat()) <= tolerance, `max |diff| ${maxAbsDiff(embeds, golden.text_embeds.flat())}`);
      });

      it('image_embeds from the golden pixel_values match within 1e-4', async () => {
        const { numChannels, imageSize } = model.config.vision;
        const perImage = numChannels * imageSize * imageSize;
        const pixels = new Float32Array(golden.images.length * perImage);
        golden.images.forEach((image, i) => pixels.set(readGoldenPixels(fixture, image), i * perImage));
        const embeds = await runVision(await openSession(graphs.vision), pixels, golden.images.length, numChannels, imageSize);
        assert.ok(maxAbsDiff(embeds, golden.image_embeds.flat()) <= tolerance, `max |diff| ${maxAbsDiff(embeds, golden.image_embeds.flat())}`);
      });
    });
  }
}
