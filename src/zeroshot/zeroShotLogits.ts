import type { EmbeddingMatrix } from '../engines/embeddingEngine.js';
import { normalizeRows } from './normalizeRows.js';

/**
 * CLIP's `logits_per_image`: `logitScale * normalize(images) @ classes^T`.
 * @param classEmbeddings unit-norm class rows (see buildClassEmbeddings).
 * @param logitScale exp(logit_scale), e.g. 100 for released CLIP models.
 * @returns `images.rows x classEmbeddings.rows` logits, row-major.
 */
export function zeroShotLogits(imageEmbeddings: EmbeddingMatrix, classEmbeddings: EmbeddingMatrix, logitScale: number): Float64Array {
  if (imageEmbeddings.dim !== classEmbeddings.dim) {
    throw new RangeError(`Image embeddings have ${imageEmbeddings.dim} dims but class embeddings ${classEmbeddings.dim}.`);
  }
  const images = normalizeRows(imageEmbeddings);
  const { dim } = images;
  const classes = classEmbeddings.rows;
  const logits = new Float64Array(images.rows * classes);
  for (let r = 0; r < images.rows; r++) {
    for (let c = 0; c < classes; c++) {
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += (images.data[r * dim + i] ?? 0) * (classEmbeddings.data[c * dim + i] ?? 0);
      logits[r * classes + c] = logitScale * dot;
    }
  }
  return logits;
}
