import { probabilitiesOf, logitBiasOf, type ScoringRule } from './scoringRule.js';

/** Rows of embeddings as plain data: `rows x dim` float32, row-major (what engines return and zero-shot scoring reads). */
export interface EmbeddingMatrix {
  readonly rows: number;
  readonly dim: number;
  readonly data: Float32Array;
}

/** One ranked class of a prediction. */
export interface RankedClass {
  /** Index into the class list. */
  readonly index: number;
  readonly label: string;
  /**
   * In [0,1]: the softmax probability over all classes (CLIP), or the class's own sigmoid
   * probability (SigLIP), as the model's ScoringRule says.
   */
  readonly probability: number;
  /** logitScale x cosine similarity (+ logitBias for SigLIP). */
  readonly logit: number;
}

/** The top-k classes of one image, best first. */
export interface Prediction {
  readonly topK: readonly RankedClass[];
}

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

/**
 * Zero-shot classification as a pure function: scaled (and, for SigLIP, biased) cosine logits,
 * probabilities by the model's scoring rule, top-k by logit (ties keep class order).
 */
export function classifyZeroShot(
  imageEmbeddings: EmbeddingMatrix,
  classEmbeddings: EmbeddingMatrix,
  classNames: readonly string[],
  scoring: ScoringRule,
  k: number,
): Prediction[] {
  if (classNames.length !== classEmbeddings.rows) {
    throw new RangeError(`${classNames.length} class names for ${classEmbeddings.rows} class embeddings.`);
  }
  const classes = classNames.length;
  const logits = zeroShotLogits(imageEmbeddings, classEmbeddings, scoring.logitScale, logitBiasOf(scoring));
  return Array.from({ length: imageEmbeddings.rows }, (_, r) => {
    const row = logits.subarray(r * classes, (r + 1) * classes);
    const probs = probabilitiesOf(scoring, row);
    const order = Array.from({ length: classes }, (_, i) => i).sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0) || a - b);
    const topK = order.slice(0, Math.max(1, Math.min(k, classes))).map((index) => ({
      index,
      label: classNames[index] ?? '',
      probability: probs[index] ?? 0,
      logit: row[index] ?? 0,
    }));
    return { topK };
  });
}
