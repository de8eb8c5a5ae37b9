import { UsageError } from '../errors/UsageError.js';
import type { ClipModel } from '../model/clipModel.js';
import type { EmbeddingEngine } from './embeddingEngine.js';
import type { EngineOptions } from './engineOptions.js';

export type EngineFactory = (model: ClipModel, options: EngineOptions) => Promise<EmbeddingEngine>;

/**
 * Engines by id. Each factory imports its runtime lazily, so one engine's native
 * binary never loads with another's.
 */
export const engineRegistry: Readonly<Record<string, EngineFactory>> = Object.freeze({
  tfjs: async (model, options) => (await import('./tfjs/createTfjsEngine.js')).createTfjsEngine(model, options),
});

export const engineIds = Object.keys(engineRegistry);

/** Builds the engine `id` for `model`, or fails naming the valid ids. */
export async function createEngine(id: string, model: ClipModel, options: EngineOptions): Promise<EmbeddingEngine> {
  const factory = engineRegistry[id];
  if (factory === undefined) {
    throw new UsageError(`Unknown engine '${id}'. Valid engines: ${engineIds.join(', ')}.`, '--engine');
  }
  return factory(model, options);
}
