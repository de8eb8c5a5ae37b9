import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { embedImageFiles } from '../../../src/embed/embedImageFiles.js';
import { embedPromptTexts } from '../../../src/embed/embedPromptTexts.js';
import type { EmbeddingEngine } from '../../../src/engines/embeddingEngine.js';
import { createTfjsEngine } from '../../../src/engines/tfjs/TfjsEngine.js';
import type { LoadedModel } from '../../../src/families/modelFamily.js';
import { loadModel, loadModelTokenizer } from '../../../src/families/loadModel.js';
import { preprocessImage } from '../../../src/image/preprocessImage.js';
import { readImageFile } from '../../../src/image/decodeImage.js';
import { classifyZeroShot, normalizeRows } from '../../../src/zeroshot/zeroShotClassification.js';
import { maxAbsDiff, readGoldenEmbeddings, readGoldenPixels } from '../../helpers/goldens.js';
import { fixturePath, siglipFixtures } from '../../helpers/paths.js';

for (const fixture of siglipFixtures) {
  const golden = readGoldenEmbeddings(fixture);

  describe(`${fixture}: pixel_values from the PNG files (transformers' SiglipImageProcessorPil)`, () => {
    let model: LoadedModel;
    before(async () => {
      model = await loadModel(fixturePath(fixture), { weights: 'scoring' });
    });

    it('reads a square resize without crop, convert-to-RGB first, mean/std 0.5', () => {
      const size = model.config.vision.imageSize;
      assert.equal(model.preprocessor.resizeMode, 'exact');
      assert.deepEqual([model.preprocessor.resizeHeight, model.preprocessor.resizeWidth, model.preprocessor.doCenterCrop], [size, size, false]);
      assert.equal(model.preprocessor.convertRgb, 'beforeResize');
    });

    for (const image of golden.images) {
      it(`${path.basename(image)} within 1e-6`, async (t) => {
        const pixels = preprocessImage(await readImageFile(fixturePath(fixture, 'golden', image)), model.preprocessor);
        const diff = maxAbsDiff(pixels, readGoldenPixels(fixture, image));
        t.diagnostic(`max |diff| ${diff}`);
        assert.ok(diff <= 1e-6, `max |pixel diff| = ${diff}`);
      });
    }
  });

  describe(`${fixture}: end to end from strings and PNG files (tfjs) vs transformers`, () => {
    let model: LoadedModel;
    let engine: EmbeddingEngine;
    before(async () => {
      model = await loadModel(fixturePath(fixture));
      engine = await createTfjsEngine(model, { device: 'cpu' });
    });
    after(() => engine.dispose());

    it('tokenizes and embeds the golden texts to within 1e-4 of text_embeds', async () => {
      const out = await embedPromptTexts(engine, await loadModelTokenizer(model), golden.texts, 7);
      const diff = maxAbsDiff(out.data, golden.text_embeds.flat());
      assert.ok(diff <= 1e-4, `max |text diff| = ${diff}`);
    });

    it('decodes, preprocesses and embeds every PNG, then scores: embeddings 1e-4, logits 1e-3, sigmoid probabilities 1e-4', async () => {
      const files = golden.images.map((image) => fixturePath(fixture, 'golden', image));
      const images = await embedImageFiles(engine, model.preprocessor, files, { maxPixels: 1e8, batchSize: 3 });
      assert.ok(maxAbsDiff(images.data, golden.image_embeds.flat()) <= 1e-4);
      const texts = await embedPromptTexts(engine, await loadModelTokenizer(model), golden.texts);
      assert.equal(engine.scoring.kind, 'sigmoid');
      const predictions = classifyZeroShot(images, normalizeRows(texts), golden.texts, engine.scoring, golden.texts.length);
      predictions.forEach((prediction, r) => {
        const byClass = [...prediction.topK].sort((a, b) => a.index - b.index);
        const logitDiff = maxAbsDiff(byClass.map((c) => c.logit), golden.logits_per_image[r] ?? []);
        const probDiff = maxAbsDiff(byClass.map((c) => c.probability), golden.probs_sigmoid?.[r] ?? []);
        assert.ok(logitDiff <= 1e-3, `image ${r}: max |logit diff| = ${logitDiff}`);
        assert.ok(probDiff <= 1e-4, `image ${r}: max |sigmoid diff| = ${probDiff}`);
      });
    });

    it('reads every position: the padding changes the embedding (so the padding side matters)', async () => {
      const context = model.config.text.maxPositionEmbeddings;
      const row = Int32Array.from(golden.text_input_ids[0] ?? []);
      const shifted = Int32Array.from({ length: context }, (_, i) => row[(i + 1) % context] ?? 0);
      const [a, b] = [await engine.embedTexts(row, 1), await engine.embedTexts(shifted, 1)];
      assert.ok(maxAbsDiff(a.data, b.data) > 1e-3);
    });
  });
}
