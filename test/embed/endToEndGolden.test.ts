import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embedImageFiles } from '../../src/embed/embedImageFiles.js';
import { embedPromptTexts } from '../../src/embed/embedPromptTexts.js';
import type { EmbeddingEngine } from '../../src/engines/embeddingEngine.js';
import { createTfjsEngine } from '../../src/engines/tfjs/TfjsEngine.js';
import type { LoadedModel } from '../../src/families/modelFamily.js';
import { loadModel } from '../../src/families/loadModel.js';
import { loadClipTokenizer } from '../../src/families/clip/tokenizer/ClipTokenizer.js';
import { maxAbsDiff, readGoldenEmbeddings } from '../helpers/goldens.js';
import { fixturePath, modelFixtures } from '../helpers/paths.js';

for (const fixture of modelFixtures) {
  describe(`end to end from text and PNG files (${fixture}, tfjs)`, () => {
    const golden = readGoldenEmbeddings(fixture);
    let model: LoadedModel;
    let engine: EmbeddingEngine;
    before(async () => {
      model = await loadModel(fixturePath(fixture));
      engine = await createTfjsEngine(model, { device: 'cpu' });
    });
    after(() => engine.dispose());

    it('tokenizes and embeds the golden texts to within 1e-4 of OpenAI text_embeds', async () => {
      const out = await embedPromptTexts(engine, await loadClipTokenizer(model.dir), golden.texts, 3);
      const diff = maxAbsDiff(out.data, golden.text_embeds.flat());
      assert.ok(diff <= 1e-4, `max |text diff| = ${diff}`);
    });

    it('decodes, preprocesses and embeds every golden PNG to within 1e-4 of OpenAI image_embeds', async () => {
      const files = golden.images.map((image) => fixturePath(fixture, 'golden', image));
      const out = await embedImageFiles(engine, model.preprocessor, files, { maxPixels: 1e8, batchSize: 3 });
      golden.images.forEach((image, i) => {
        const diff = maxAbsDiff(out.data.subarray(i * out.dim, (i + 1) * out.dim), golden.image_embeds[i] ?? []);
        assert.ok(diff <= 1e-4, `${image}: max |image diff| = ${diff}`);
      });
    });
  });
}
