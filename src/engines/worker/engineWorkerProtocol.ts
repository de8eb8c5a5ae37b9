import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { ModelArgs } from '../openModel.js';

/**
 * What the main thread sends the engine worker: the model to open (as workerData), then requests.
 * A request's input buffer is transferred to the worker and back with the reply, for reuse.
 */
export interface EngineWorkerData {
  readonly args: ModelArgs;
}

export type EngineRequest =
  | { readonly id: number; readonly op: 'images'; readonly data: Float32Array; readonly count: number }
  | { readonly id: number; readonly op: 'texts'; readonly data: Int32Array; readonly count: number };

/** A StroopError crossing the thread boundary: its class name, message and the path or engine it names. */
export interface WorkerFailure {
  readonly name: string;
  readonly message: string;
  readonly subject?: string | undefined;
}

export type EngineReply =
  | { readonly kind: 'ready'; readonly engine: string; readonly backend: string; readonly scoring: ScoringRule }
  | { readonly kind: 'openFailed'; readonly failure: WorkerFailure }
  | { readonly kind: 'embedded'; readonly id: number; readonly rows: number; readonly dim: number; readonly data: Float32Array; readonly input: ArrayBuffer }
  | { readonly kind: 'embedFailed'; readonly id: number; readonly failure: WorkerFailure; readonly input: ArrayBuffer };
