/**
 * The words a search writes on one image: every class except the true one and the one the
 * model predicts on the clean image, ordered by the clean image's score for them, highest
 * first. Shrinking goes toward the first, so a minimal attack names the class the model already
 * finds nearest, the smallest nudge. Ties keep class order.
 * @param cleanLogits one score per class, in class order.
 * @param limit keep only the first `limit` (all when absent).
 */
export function wrongClassTexts(classes: readonly string[], cleanLogits: ArrayLike<number>, trueIndex: number, limit?: number): string[] {
  if (cleanLogits.length !== classes.length) throw new RangeError(`${cleanLogits.length} scores for ${classes.length} classes.`);
  let predicted = 0;
  for (let i = 1; i < classes.length; i += 1) if ((cleanLogits[i] as number) > (cleanLogits[predicted] as number)) predicted = i;
  const order = classes
    .map((_, i) => i)
    .filter((i) => i !== trueIndex && i !== predicted)
    .sort((a, b) => (cleanLogits[b] as number) - (cleanLogits[a] as number) || a - b);
  return order.slice(0, limit ?? order.length).map((i) => classes[i] as string);
}
