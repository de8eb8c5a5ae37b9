import { createEngine, resolveEngineId } from './engineRegistry.js';
import type { EmbeddingEngine, Device, Dtype } from './embeddingEngine.js';
import type { LoadedModel } from '../families/modelFamily.js';
import { createProgressReporter } from '../hub/downloadProgress.js';
import { filesForEngine, type HubDtype, type HubEngine } from '../hub/filesForEngine.js';
import { resolveModelRef } from '../hub/resolveModelRef.js';
import { loadModel } from '../families/loadModel.js';

export interface ModelArgs {
  readonly model: string;
  readonly engine: string;
  readonly device: string;
  readonly dtype?: string | undefined;
  readonly threads?: number | undefined;
  /** Use only the Hugging Face cache for hub ids (also HF_HUB_OFFLINE=1). */
  readonly offline?: boolean | undefined;
}

export interface OpenModel {
  readonly model: LoadedModel;
  readonly engine: EmbeddingEngine;
}

/**
 * Loads the model named by --model (a directory, or a hub id `org/name[@revision]` fetched into
 * the Hugging Face cache - only the files the engine needs) and builds the engine named by
 * --engine on --device. Engines that run their own graph files (onnx) get the config and logit
 * scale, not the weights.
 */
export async function openModel(args: ModelArgs): Promise<OpenModel> {
  const dtype = (args.dtype ?? 'fp32') as HubDtype;
  const resolved = await resolveModelRef(args.model, {
    files: (repoFiles) => filesForEngine(args.engine as HubEngine, dtype, repoFiles),
    offline: args.offline === true,
    progress: createProgressReporter({ stream: process.stderr }),
  });
  const engineId = await resolveEngineId(args.engine, resolved.dir);
  const loaded = await loadModel(resolved.dir, { weights: engineId === 'tfjs' ? 'all' : 'scoring' });
  const model = { ...loaded, id: resolved.revision === undefined ? resolved.id : `${resolved.id}@${resolved.revision}` };
  const engine = await createEngine(engineId, model, {
    device: args.device as Device,
    ...(args.dtype === undefined ? {} : { dtype: args.dtype as Dtype }),
    ...(args.threads === undefined ? {} : { threads: args.threads }),
  });
  return { model, engine };
}
