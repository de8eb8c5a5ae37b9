import type { LoadedModel } from '../../families/loadedModel.js';
import { familyOf } from '../../families/modelFamilies.js';
import { checkScoringRule } from '../checkEngineOutputs.js';
import type { EngineOptions } from '../engineOptions.js';
import { selectTfjsBackend } from './selectTfjsBackend.js';
import { TfjsEngine } from './TfjsEngine.js';

/**
 * Picks the tfjs backend for `options.device` and uploads the model's weights to it, as the
 * encoders of the model's family.
 *
 * @throws ModelLoadError (or ConfigError, for config.json's initial values) when the scoring
 *   scalars are not finite: such a model would score every image NaN.
 */
export async function createTfjsEngine(model: LoadedModel, options: EngineOptions): Promise<TfjsEngine> {
  const backend = await selectTfjsBackend(options);
  const family = familyOf(model.config);
  const { rule, missing } = family.scoringRule(model.weights, model.config);
  checkScoringRule(rule, model, { kind: missing.length === 0 ? 'weights' : 'config' });
  return new TfjsEngine(model.config, await family.createTfjsEncoder(model.weights, model.config), rule, backend);
}
