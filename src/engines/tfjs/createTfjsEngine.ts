import type { LoadedModel } from '../../families/loadedModel.js';
import { familyOf } from '../../families/modelFamilies.js';
import type { EngineOptions } from '../engineOptions.js';
import { selectTfjsBackend } from './selectTfjsBackend.js';
import { TfjsEngine } from './TfjsEngine.js';

/**
 * Picks the tfjs backend for `options.device` and uploads the model's weights to it, as the
 * encoders of the model's family.
 */
export async function createTfjsEngine(model: LoadedModel, options: EngineOptions): Promise<TfjsEngine> {
  const backend = await selectTfjsBackend(options);
  const family = familyOf(model.config);
  const { rule } = family.scoringRule(model.weights, model.config);
  return new TfjsEngine(model.config, await family.createTfjsEncoder(model.weights, model.config), rule, backend);
}
