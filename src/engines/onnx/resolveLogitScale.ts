import type { ClipModel } from '../../model/clipModel.js';
import type { Ort } from './loadOrt.js';
import { probeLogitScale } from './probeLogitScale.js';

/** exp(logit_scale) and where it was found. */
export interface LogitScale {
  readonly value: number;
  /**
   * `weights`: the checkpoint's `logit_scale` tensor; `onnx`: measured on the combined ONNX graph;
   * `config`: exp(logit_scale_init_value) from config.json, the value before training, used only
   * when neither exists (zero-shot rankings are right, probabilities are not calibrated).
   */
  readonly source: 'weights' | 'onnx' | 'config';
}

/**
 * The logit scale the onnx engine reports: from the model's weights when it has them; else
 * measured on `combined` (a combined `model*.onnx`, when the directory has one); else the config's
 * initial value.
 */
export async function resolveLogitScale(ort: Ort, model: ClipModel, combined: string | undefined, threads: number | undefined): Promise<LogitScale> {
  const tensor = model.weights.get('logit_scale');
  if (tensor !== undefined && tensor.data.length === 1) return { value: Math.exp(tensor.data[0] ?? 0), source: 'weights' };
  if (combined !== undefined) {
    const measured = await probeLogitScale(ort, combined, combined, model.config, threads);
    if (measured !== undefined) return { value: measured, source: 'onnx' };
  }
  return { value: Math.exp(model.config.logitScaleInitValue), source: 'config' };
}
