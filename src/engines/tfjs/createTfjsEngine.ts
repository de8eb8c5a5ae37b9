import type { ClipModel } from '../../model/clipModel.js';
import type { EngineOptions } from '../engineOptions.js';
import { selectTfjsBackend } from './selectTfjsBackend.js';
import { TfjsEngine } from './TfjsEngine.js';
import { uploadClipParams } from './uploadClipParams.js';

/** Picks the tfjs backend for `options.device` and uploads the model's weights to it. */
export async function createTfjsEngine(model: ClipModel, options: EngineOptions): Promise<TfjsEngine> {
  const backend = await selectTfjsBackend(options);
  return new TfjsEngine(model.config, uploadClipParams(model.weights, model.config), backend);
}
