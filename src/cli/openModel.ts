import { createEngine } from '../engines/engineRegistry.js';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { Device } from '../engines/engineOptions.js';
import type { ClipModel } from '../model/clipModel.js';
import { loadClipModel } from '../model/loadClipModel.js';

export interface ModelArgs {
  readonly model: string;
  readonly engine: string;
  readonly device: string;
  readonly threads?: number | undefined;
}

export interface OpenModel {
  readonly model: ClipModel;
  readonly engine: EmbeddingEngine;
}

/** Loads the model named by --model and builds the engine named by --engine on --device. */
export async function openModel(args: ModelArgs): Promise<OpenModel> {
  const model = await loadClipModel(args.model);
  const engine = await createEngine(args.engine, model, {
    device: args.device as Device,
    ...(args.threads === undefined ? {} : { threads: args.threads }),
  });
  return { model, engine };
}
