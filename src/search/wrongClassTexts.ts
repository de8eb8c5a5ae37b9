import type { RankedClass } from '../zeroshot/zeroShotClassification.js';

/**
 * The words a search writes on one image: every class except the true one and the one the
 * model predicts on the clean image, in the clean image's ranking (classifyZeroShot's order:
 * highest score first, ties in class order). Shrinking goes toward the first, so a minimal
 * attack names the class the model already finds nearest, the smallest nudge.
 * @param ranking every class of the clean image's prediction, best first.
 * @param limit keep only the first `limit` (all when absent).
 */
export function wrongClassTexts(ranking: readonly RankedClass[], trueIndex: number, limit?: number): string[] {
  const wrong = ranking.slice(1).filter((c) => c.index !== trueIndex);
  return wrong.slice(0, limit ?? wrong.length).map((c) => c.label);
}
