/**
 * How a model turns cosine similarities into zero-shot scores, as plain data (engines report it,
 * runs record it, reports label with it):
 *
 * - `softmax` (CLIP): logits = logitScale x cosine; probabilities are a softmax over the classes
 *   and sum to 1;
 * - `sigmoid` (SigLIP): logits = logitScale x cosine + logitBias; each class gets its own
 *   sigmoid probability ("is this a photo of X?"), so they do not sum to 1.
 *
 * Top-1 always comes from the logits, and a near tie is always a small logit gap.
 */
export type ScoringRule =
  | { readonly kind: 'softmax'; readonly logitScale: number }
  | { readonly kind: 'sigmoid'; readonly logitScale: number; readonly logitBias: number };

/** The rule kinds, for schemas and messages. */
export const scoringKinds = ['softmax', 'sigmoid'] as const;
export type ScoringKind = (typeof scoringKinds)[number];

/** The additive logit bias of a rule (0 for softmax). */
export function logitBiasOf(rule: ScoringRule): number {
  return rule.kind === 'sigmoid' ? rule.logitBias : 0;
}

/** Numerically stable softmax of one row of logits; the result sums to 1. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] ?? -Infinity);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp((logits[i] ?? -Infinity) - max);
    sum += out[i] ?? 0;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** Numerically stable logistic function. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** The probabilities of one row of logits under `rule`: a softmax over the row, or one sigmoid per entry. */
export function probabilitiesOf(rule: ScoringRule, logits: ArrayLike<number>): Float64Array {
  if (rule.kind === 'softmax') return softmax(logits);
  return Float64Array.from({ length: logits.length }, (_, i) => sigmoid(logits[i] ?? -Infinity));
}

/**
 * The logit gap between two classes, recovered from their probabilities under a rule of `kind`:
 * ln(p1 / p2) for a softmax (the normaliser cancels), logit(p1) - logit(p2) for sigmoids
 * (each probability is its own class's sigmoid, so its logit is ln(p / (1 - p))).
 */
export function logitGapOf(kind: ScoringKind, p1: number, p2: number): number {
  if (kind === 'softmax') return Math.log(p1 / p2);
  return Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2));
}

/** What a report calls a rule's probabilities, so SigLIP's are never read as a distribution. */
export function probabilityLabel(kind: ScoringKind): string {
  return kind === 'softmax' ? 'softmax probability over the classes' : "SigLIP's per-class sigmoid probability (classes scored independently; they do not sum to 1)";
}
