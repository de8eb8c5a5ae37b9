import { EngineError, UsageError } from '../errors/errors.js';
import type { LoadedModel } from '../families/modelFamily.js';
import type { EmbeddingEngine, EngineOptions } from './embeddingEngine.js';
import { hasOnnxModel } from './onnx/onnxModelFiles.js';

export type EngineFactory = (model: LoadedModel, options: EngineOptions) => Promise<EmbeddingEngine>;

/** tfjs reads fp32 weights only, and calls its CUDA device `gpu`. */
function tfjsOptions(options: EngineOptions): EngineOptions {
  if (options.dtype !== undefined && options.dtype !== 'fp32') {
    throw new EngineError(`--dtype ${options.dtype} needs --engine onnx; the tfjs engine runs fp32 weights only.`, 'tfjs');
  }
  return options.device === 'cuda' ? { ...options, device: 'gpu' } : options;
}

/**
 * Engines by id. Each factory imports its runtime lazily, so one engine's native
 * binary never loads with another's.
 */
export const engineRegistry: Readonly<Record<string, EngineFactory>> = Object.freeze({
  onnx: async (model, options) => (await import('./onnx/OnnxEngine.js')).createOnnxEngine(model, options),
  tfjs: async (model, options) => (await import('./tfjs/TfjsEngine.js')).createTfjsEngine(model, tfjsOptions(options)),
});

export const engineIds = Object.keys(engineRegistry);

/** What `--engine` accepts: an engine id, or `auto` (see resolveEngineId). */
export const engineChoices: readonly string[] = Object.freeze(['auto', ...engineIds]);

/**
 * The engine to build for `--engine requested` on the model in `modelDir`: `auto` becomes `onnx`
 * when the directory holds ONNX graphs (see hasOnnxModel), else `tfjs`; any other id is returned
 * as given (createEngine checks it). `modelDir` '' (a model built in memory) has no ONNX files.
 */
export async function resolveEngineId(requested: string, modelDir: string): Promise<string> {
  if (requested !== 'auto') return requested;
  return (await hasOnnxModel(modelDir)) ? 'onnx' : 'tfjs';
}

/** Builds the engine `id` (or `auto`, resolved on `model.dir`) for `model`, or fails naming the valid ids. */
export async function createEngine(id: string, model: LoadedModel, options: EngineOptions): Promise<EmbeddingEngine> {
  const resolved = await resolveEngineId(id, model.dir);
  const factory = Object.hasOwn(engineRegistry, resolved) ? engineRegistry[resolved] : undefined;
  if (factory === undefined) {
    throw new UsageError(`Unknown engine '${id}'. Valid engines: ${engineChoices.join(', ')}.`, '--engine');
  }
  return factory(model, options);
}
