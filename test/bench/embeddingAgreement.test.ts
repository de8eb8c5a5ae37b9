import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddingAgreement } from '../../src/bench/embeddingAgreement.js';
import type { EmbeddingEngine } from '../../src/engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../../src/zeroshot/zeroShotClassification.js';
import { stroopTinyRecipe } from '../../src/train/trainingRecipe.js';

const config = stroopTinyRecipe('reading').architecture;
const dim = 4;

/** An engine whose embedding of input r is a fixed vector of r, plus `skew` on one coordinate of odd rows. */
function fakeEngine(skew: number): EmbeddingEngine {
  const rows = (count: number): EmbeddingMatrix => {
    const data = new Float32Array(count * dim);
    for (let r = 0; r < count; r++) {
      data.set([1 + r, 2, 3 - r, 0.5], r * dim);
      if (r % 2 === 1) data[r * dim + 3] = 0.5 + skew;
    }
    return { rows: count, dim, data };
  };
  return {
    engine: 'fake',
    backend: 'none',
    config,
    scoring: { kind: 'softmax', logitScale: 100 },
    embedImages: async (_pixels, count) => rows(count),
    embedTexts: async (_ids, count) => rows(count),
    dispose: () => undefined,
  };
}

describe('embeddingAgreement', () => {
  const ids = new Int32Array(4 * config.text.maxPositionEmbeddings);

  it('is 1 for identical embeddings', async () => {
    const agreement = await embeddingAgreement(fakeEngine(0), fakeEngine(0), ids, 4);
    assert.equal(agreement.count, 4);
    for (const kind of [agreement.images, agreement.texts]) {
      assert.ok(Math.abs(kind.mean - 1) < 1e-12 && Math.abs(kind.min - 1) < 1e-12, JSON.stringify(kind));
    }
  });

  it('reports the mean and the worst row when embeddings drift', async () => {
    const agreement = await embeddingAgreement(fakeEngine(0), fakeEngine(3), ids, 4);
    // Row 1: (2, 2, 2, 0.5) against (2, 2, 2, 3.5).
    const worst = (4 + 4 + 4 + 0.5 * 3.5) / Math.sqrt((12 + 0.25) * (12 + 12.25));
    assert.ok(Math.abs(agreement.images.min - worst) < 1e-6, `${agreement.images.min} vs ${worst}`);
    assert.ok(agreement.images.mean < 1 && agreement.images.mean > agreement.images.min);
    assert.deepEqual(agreement.texts, agreement.images);
  });
});
