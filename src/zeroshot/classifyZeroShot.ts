import type { EmbeddingMatrix } from '../engines/embeddingEngine.js';
import { probabilitiesOf, logitBiasOf, type ScoringRule } from './scoringRule.js';
import { zeroShotLogits } from './zeroShotLogits.js';

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
