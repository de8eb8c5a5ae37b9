import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClassEmbeddings } from '../../src/zeroshot/classEmbeddings.js';
import { classifyZeroShot, normalizeRows, zeroShotLogits } from '../../src/zeroshot/zeroShotClassification.js';
import { probabilitiesOf, type ScoringRule } from '../../src/zeroshot/scoringRule.js';
import { maxAbsDiff, readGoldenEmbeddings, toMatrix } from '../helpers/goldens.js';
import { allModelFixtures, siglipFixtures, type AnyModelFixture } from '../helpers/paths.js';

const isSiglip = (model: AnyModelFixture) => (siglipFixtures as readonly string[]).includes(model);

for (const model of allModelFixtures) {
  const reference = isSiglip(model) ? 'transformers' : 'OpenAI';
  describe(`zero-shot scoring against ${reference}'s logits (${model})`, () => {
    const golden = readGoldenEmbeddings(model);
    const texts = toMatrix(golden.text_embeds);
    const images = toMatrix(golden.image_embeds);
    const rule: ScoringRule = isSiglip(model)
      ? { kind: 'sigmoid', logitScale: golden.logit_scale_exp, logitBias: golden.logit_bias ?? NaN }
      : { kind: 'softmax', logitScale: golden.logit_scale_exp };
    const goldenProbs = (isSiglip(model) ? golden.probs_sigmoid : golden.probs) ?? [];

    it('reproduces logits_per_image to 1e-3 from the golden embeddings', () => {
      const classes = buildClassEmbeddings(texts, texts.rows, 1);
      const logits = zeroShotLogits(images, classes, rule.logitScale, rule.kind === 'sigmoid' ? rule.logitBias : 0);
      const diff = maxAbsDiff(logits, golden.logits_per_image.flat());
      assert.ok(diff < 1e-3, `max |logit diff| = ${diff}`);
    });

    it(`reproduces ${rule.kind} probabilities to 1e-4 and ranks the golden argmax first`, () => {
      assert.equal(goldenProbs.length, golden.images.length);
      const classes = normalizeRows(texts);
      const predictions = classifyZeroShot(images, classes, golden.texts, rule, texts.rows);
      predictions.forEach((p, r) => {
        const goldenRow = goldenProbs[r] ?? [];
        const probs = goldenRow.map((_, c) => p.topK.find((k) => k.index === c)?.probability ?? NaN);
        const diff = maxAbsDiff(probs, goldenRow);
        assert.ok(diff < 1e-4, `image ${r}: max |prob diff| = ${diff}`);
        const logits = golden.logits_per_image[r] ?? [];
        assert.equal(p.topK[0]?.index, logits.indexOf(Math.max(...logits)));
      });
    });

    it(`${rule.kind} of the golden logits matches the golden probabilities`, () => {
      golden.logits_per_image.forEach((row, r) => {
        assert.ok(maxAbsDiff(probabilitiesOf(rule, row), goldenProbs[r] ?? []) < 1e-6);
      });
    });
  });
}
