import type { EmbeddingMatrix } from '../engines/embeddingEngine.js';
import { normalizeRows } from './normalizeRows.js';

/**
 * OpenAI's prompt ensembling: each class embedding is the normalised mean of its normalised
 * prompt embeddings.
 * @param promptEmbeddings class-major rows (see expandPrompts), `classCount * templatesPerClass` rows.
 * @returns `classCount` unit-norm rows.
 */
export function buildClassEmbeddings(promptEmbeddings: EmbeddingMatrix, classCount: number, templatesPerClass: number): EmbeddingMatrix {
  if (promptEmbeddings.rows !== classCount * templatesPerClass) {
    throw new RangeError(`Expected ${classCount} x ${templatesPerClass} prompt embeddings, got ${promptEmbeddings.rows}.`);
  }
  const unit = normalizeRows(promptEmbeddings);
  const { dim } = unit;
  const means = new Float32Array(classCount * dim);
  for (let c = 0; c < classCount; c++) {
    for (let t = 0; t < templatesPerClass; t++) {
      const row = (c * templatesPerClass + t) * dim;
      for (let i = 0; i < dim; i++) means[c * dim + i] = (means[c * dim + i] ?? 0) + (unit.data[row + i] ?? 0) / templatesPerClass;
    }
  }
  return normalizeRows({ rows: classCount, dim, data: means });
}
