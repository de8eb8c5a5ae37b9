import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../src/errors/errors.js';
import { buildClassEmbeddings, expandPrompts } from '../../src/zeroshot/classEmbeddings.js';
import { classifyZeroShot, normalizeRows } from '../../src/zeroshot/zeroShotClassification.js';
import { softmax } from '../../src/zeroshot/scoringRule.js';

const finite = fc.float({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true });
const matrix = (rows: number, dim: number) =>
  fc.array(finite, { minLength: rows * dim, maxLength: rows * dim }).map((v) => ({ rows, dim, data: Float32Array.from(v) }));

describe('softmax', () => {
  it('sums to 1 with every probability in [0,1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 50 }), (logits) => {
        const p = softmax(logits);
        const sum = p.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum - 1) < 1e-9, `sum ${sum}`);
        assert.ok(p.every((x) => x >= 0 && x <= 1));
      }),
    );
  });

  it('is invariant to adding a constant and keeps the order of logits', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 20 }), fc.double({ min: -100, max: 100, noNaN: true }), (logits, c) => {
        const a = softmax(logits);
        const b = softmax(logits.map((x) => x + c));
        a.forEach((v, i) => assert.ok(Math.abs(v - (b[i] ?? NaN)) < 1e-9));
        const [x = 0, y = 0] = logits;
        if (x > y) assert.ok((a[0] ?? 0) >= (a[1] ?? 0));
      }),
    );
  });
});

describe('class embeddings (prompt ensembling)', () => {
  it('are unit norm, and with one template equal the normalised prompt embedding', () => {
    fc.assert(
      fc.property(matrix(4, 6), (m) => {
        const classes = buildClassEmbeddings(m, 4, 1);
        const unit = normalizeRows(m);
        for (let r = 0; r < 4; r++) {
          const row = classes.data.subarray(r * 6, r * 6 + 6);
          const norm = Math.hypot(...row);
          const zero = unit.data.subarray(r * 6, r * 6 + 6).every((v) => v === 0);
          if (!zero) assert.ok(Math.abs(norm - 1) < 1e-5, `norm ${norm}`);
          row.forEach((v, i) => assert.ok(Math.abs(v - (unit.data[r * 6 + i] ?? NaN)) < 1e-6));
        }
      }),
    );
  });

  it('average the normalised prompts: two opposite-length prompts of one direction give that direction', () => {
    const m = { rows: 2, dim: 2, data: Float32Array.from([3, 4, 0.3, 0.4]) };
    const classes = buildClassEmbeddings(m, 1, 2);
    assert.ok(Math.abs((classes.data[0] ?? 0) - 0.6) < 1e-6 && Math.abs((classes.data[1] ?? 0) - 0.8) < 1e-6);
  });
});

describe('classifyZeroShot', () => {
  it('returns top-k sorted by probability, and the order of classes does not change the winner', () => {
    fc.assert(
      fc.property(matrix(3, 5), matrix(4, 5), (images, texts) => {
        const names = ['a', 'b', 'c', 'd'];
        const classes = normalizeRows(texts);
        const predictions = classifyZeroShot(images, classes, names, { kind: 'softmax', logitScale: 100 }, 4);
        for (const p of predictions) {
          for (let i = 1; i < p.topK.length; i++) assert.ok((p.topK[i - 1]?.probability ?? 0) >= (p.topK[i]?.probability ?? 0));
        }
        const reversed = { rows: 4, dim: 5, data: new Float32Array(20) };
        for (let r = 0; r < 4; r++) reversed.data.set(classes.data.subarray(r * 5, r * 5 + 5), (3 - r) * 5);
        const again = classifyZeroShot(images, reversed, [...names].reverse(), { kind: 'softmax', logitScale: 100 }, 4);
        predictions.forEach((p, i) => assert.ok(Math.abs((p.topK[0]?.probability ?? 0) - (again[i]?.topK[0]?.probability ?? 0)) < 1e-9));
      }),
    );
  });
});

describe('expandPrompts', () => {
  it('fills every template with every class, class-major', () => {
    assert.deepEqual(expandPrompts(['cat', 'dog'], ['a {}.', 'the {} and the {}']), ['a cat.', 'the cat and the cat', 'a dog.', 'the dog and the dog']);
  });

  it('refuses an empty label list, an empty label and a template without {}', () => {
    assert.throws(() => expandPrompts([], ['a {}.']), (e: unknown) => e instanceof UsageError && /label list is empty/.test(e.message));
    assert.throws(() => expandPrompts(['cat', ' '], ['a {}.']), (e: unknown) => e instanceof UsageError && /Class name 2 is empty/.test(e.message));
    assert.throws(() => expandPrompts(['cat'], ['a photo.']), (e: unknown) => e instanceof UsageError && /no '\{\}' placeholder/.test(e.message));
  });
});
