import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';

/** Stacks embedding matrices of the same width, in order. */
export function concatEmbeddings(parts: readonly EmbeddingMatrix[], dim: number): EmbeddingMatrix {
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const data = new Float32Array(rows * dim);
  let offset = 0;
  for (const part of parts) {
    if (part.dim !== dim) throw new RangeError(`Cannot stack a ${part.dim}-dim embedding with ${dim}-dim ones.`);
    data.set(part.data, offset);
    offset += part.data.length;
  }
  return { rows, dim, data };
}
