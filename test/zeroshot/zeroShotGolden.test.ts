import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClassEmbeddings } from '../../src/zeroshot/buildClassEmbeddings.js';
import { classifyZeroShot } from '../../src/zeroshot/classifyZeroShot.js';
import { normalizeRows } from '../../src/zeroshot/normalizeRows.js';
import { softmax } from '../../src/zeroshot/softmax.js';
import { zeroShotLogits } from '../../src/zeroshot/zeroShotLogits.js';
import { maxAbsDiff, readGoldenEmbeddings, toMatrix } from '../helpers/goldens.js';
import { modelFixtures } from '../helpers/paths.js';

for (const model of modelFixtures) {
  describe(`zero-shot scoring against OpenAI's logits (${model})`, () => {
    const golden = readGoldenEmbeddings(model);
    const texts = toMatrix(golden.text_embeds);
    const images = toMatrix(golden.image_embeds);

    it('reproduces logits_per_image to 1e-3 from the golden embeddings', () => {
      const classes = buildClassEmbeddings(texts, texts.rows, 1);
      const logits = zeroShotLogits(images, classes, golden.logit_scale_exp);
      const diff = maxAbsDiff(logits, golden.logits_per_image.flat());
      assert.ok(diff < 1e-3, `max |logit diff| = ${diff}`);
    });

    it('reproduces probs to 1e-4 and ranks the golden argmax first', () => {
      const classes = normalizeRows(texts);
      const predictions = classifyZeroShot(images, classes, golden.texts, golden.logit_scale_exp, texts.rows);
      predictions.forEach((p, r) => {
        const goldenRow = golden.probs[r] ?? [];
        const probs = goldenRow.map((_, c) => p.topK.find((k) => k.index === c)?.probability ?? NaN);
        const diff = maxAbsDiff(probs, goldenRow);
        assert.ok(diff < 1e-4, `image ${r}: max |prob diff| = ${diff}`);
        const best = goldenRow.indexOf(Math.max(...goldenRow));
        assert.equal(p.topK[0]?.index, best);
      });
    });

    it('softmax of the golden logits matches the golden probs', () => {
      golden.logits_per_image.forEach((row, r) => {
        assert.ok(maxAbsDiff(softmax(row), golden.probs[r] ?? []) < 1e-6);
      });
    });
  });
}
