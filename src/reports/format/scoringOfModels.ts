import type { ModelProvenance } from '../../results/runManifest.js';
import type { ScoringKind } from '../../zeroshot/scoringRule.js';

/**
 * Each model's scoring rule kind, from the models a run or search recorded (a model recorded
 * before SigLIP support, or not recorded at all, is CLIP's softmax).
 */
export function scoringOfModels(models: Readonly<Record<string, Pick<ModelProvenance, 'scoring'>>> | undefined): (model: string) => ScoringKind {
  return (model) => (models !== undefined && Object.hasOwn(models, model) ? models[model]?.scoring?.kind : undefined) ?? 'softmax';
}

/**
 * The sentence a report puts under a SigLIP model, so its probabilities are never read as a
 * distribution over the classes; undefined for a softmax (nothing to warn about).
 */
export function scoringNote(kind: ScoringKind): string | undefined {
  if (kind === 'softmax') return undefined;
  return "Probabilities are SigLIP's per-class sigmoid probabilities: each class is scored on its own, so they do not sum to 1 over the classes. Top-1 is the class with the highest logit.";
}
