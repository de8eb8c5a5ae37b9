import type { EmbeddingMatrix } from '../engines/embeddingEngine.js';
import { normalizeRows } from './normalizeRows.js';

/**
 * `logits_per_image`: `logitScale * normalize(images) @ classes^T + logitBias` (CLIP has no bias;
 * SigLIP's is its trained `logit_bias`).
 * @param classEmbeddings unit-norm class rows (see buildClassEmbeddings).
 * @param logitScale exp(logit_scale), e.g. 100 for released CLIP models.
 * @param logitBias added to every logit (default 0).
 * @returns `images.rows x classEmbeddings.rows` logits, row-major.
 */
export function zeroShotLogits(imageEmbeddings: EmbeddingMatrix, classEmbeddings: EmbeddingMatrix, logitScale: number, logitBias = 0): Float64Array {
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
      logits[r * classes + c] = logitScale * dot + logitBias;
    }
  }
  return logits;
}
