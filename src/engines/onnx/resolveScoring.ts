import type { LoadedModel } from '../../families/loadedModel.js';
import { familyOf } from '../../families/modelFamilies.js';
import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { Ort } from './loadOrt.js';
import { probeScoring } from './probeScoring.js';

/** The scoring rule the onnx engine reports, and where its scalars were found. */
export interface ResolvedScoring {
  readonly rule: ScoringRule;
  /**
   * `weights`: the checkpoint's trained tensors (`logit_scale`, SigLIP's `logit_bias`); `onnx`:
   * measured on the combined ONNX graph; `config`: the config's values before training, used only
   * when neither exists (zero-shot rankings are right, probabilities are not calibrated).
   */
  readonly source: 'weights' | 'onnx' | 'config';
}

/**
 * The scoring rule of `model` for the onnx engine: from the model's weights when it has them;
 * else measured on `combined` (a combined `model*.onnx`, when the directory has one); else the
 * config's initial values.
 */
export async function resolveScoring(ort: Ort, model: LoadedModel, combined: string | undefined, threads: number | undefined): Promise<ResolvedScoring> {
  const { rule, missing } = familyOf(model.config).scoringRule(model.weights, model.config);
  if (missing.length === 0) return { rule, source: 'weights' };
  if (combined !== undefined) {
    const measured = await probeScoring(ort, combined, combined, model.config, threads);
    if (measured !== undefined) {
      const probed: ScoringRule = rule.kind === 'softmax' ? { kind: 'softmax', logitScale: measured.logitScale } : { kind: 'sigmoid', ...measured };
      return { rule: probed, source: 'onnx' };
    }
  }
  return { rule, source: 'config' };
}
