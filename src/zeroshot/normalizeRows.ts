import type { EmbeddingMatrix } from '../engines/embeddingEngine.js';

/** Each row scaled to unit L2 norm (a zero row stays zero). Returns a new matrix. */
export function normalizeRows(m: EmbeddingMatrix): EmbeddingMatrix {
  const data = new Float32Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    const row = m.data.subarray(r * m.dim, (r + 1) * m.dim);
    let sum = 0;
    for (const v of row) sum += v * v;
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let i = 0; i < m.dim; i++) data[r * m.dim + i] = (row[i] ?? 0) * scale;
  }
  return { rows: m.rows, dim: m.dim, data };
}
