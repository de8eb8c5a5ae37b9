import { Worker } from 'node:worker_threads';
import { ConfigError, EngineError, ModelLoadError, RunError, UsageError } from '../../errors/errors.js';
import type { ModelConfig } from '../../families/modelFamily.js';
import type { ScoringRule } from '../../zeroshot/scoringRule.js';
import type { EmbeddingMatrix } from '../../zeroshot/zeroShotClassification.js';
import type { EmbeddingEngine } from '../embeddingEngine.js';
import { checkEmbeddings } from '../engineChecks.js';
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

/** The error the worker threw, as the same stroop error class on this thread. */
function rethrown(failure: WorkerFailure): Error {
  switch (failure.name) {
    case 'EngineError':
      return new EngineError(failure.message, failure.subject ?? '');
    case 'ModelLoadError':
      return new ModelLoadError(failure.message, failure.subject);
    case 'ConfigError':
      return new ConfigError(failure.message, failure.subject);
    case 'UsageError':
      return new UsageError(failure.message, failure.subject ?? '');
    default:
      return new RunError(failure.message, failure.subject);
  }
}

/** Enough for the double-buffered EmbedQueue (one batch embedding, one being filled). */
const maxSpareBuffers = 2;

interface Pending {
  readonly op: EngineRequest['op'];
  readonly resolve: (matrix: EmbeddingMatrix) => void;
  readonly reject: (error: Error) => void;
}

/**
 * An engine that runs in a worker thread. Same results as the engine it wraps (the worker opens
 * it with the same arguments); the difference is where the computing happens: ONNX Runtime's
 * Node binding blocks the thread that runs a session, so on the main thread nothing can be
 * decoded, drawn or preprocessed while a batch is embedded. Inputs are copied into buffers that
 * travel to the worker and back for reuse; embeddings are transferred back.
 */
export class WorkerEngine implements EmbeddingEngine {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  /** Input buffers the worker has sent back, reused for later requests (no allocation per batch). */
  readonly #spare: ArrayBuffer[] = [];
  #nextId = 0;
  #failure: Error | undefined;

  private constructor(
    worker: Worker,
    readonly engine: string,
    readonly backend: string,
    readonly scoring: ScoringRule,
    readonly config: ModelConfig,
  ) {
    this.#worker = worker;
    worker.on('message', (reply: EngineReply) => this.#settle(reply));
    const fail = (error: Error) => {
      this.#failure = error;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (error) => fail(new EngineError(`The ${engine} engine thread failed: ${error.message}`, engine)));
    worker.on('exit', () => fail(new EngineError(`The ${engine} engine thread has stopped.`, engine)));
  }

  /** Opens the model named by `args` in a new worker thread; rejects with the error opening it threw there. */
  static open(args: ModelArgs, config: ModelConfig): Promise<WorkerEngine> {
    const workerData: EngineWorkerData = { args };
    const worker = new Worker(new URL('./engineWorker.js', import.meta.url), { workerData });
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new EngineError(`The engine thread for ${args.model} exited (code ${code}) before it opened.`, args.engine));
      const onError = (error: Error) => reject(new EngineError(`The engine thread for ${args.model} failed: ${error.message}`, args.engine));
      worker.once('exit', onExit);
      worker.once('error', onError);
      worker.once('message', (reply: EngineReply) => {
        worker.off('exit', onExit);
        worker.off('error', onError);
        if (reply.kind === 'ready') resolve(new WorkerEngine(worker, reply.engine, reply.backend, reply.scoring, config));
        else {
          void worker.terminate();
          reject(reply.kind === 'openFailed' ? rethrown(reply.failure) : new EngineError(`Unexpected first message from the engine thread: ${reply.kind}`, args.engine));
        }
      });
    });
  }

  #settle(reply: EngineReply): void {
    if (reply.kind !== 'embedded' && reply.kind !== 'embedFailed') return;
    if (this.#spare.length < maxSpareBuffers) this.#spare.push(reply.input);
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (reply.kind === 'embedFailed') {
      pending.reject(rethrown(reply.failure));
      return;
    }
    // The engine in the worker checked it too; this guards what crossed the thread boundary.
    try {
      pending.resolve(checkEmbeddings({ rows: reply.rows, dim: reply.dim, data: reply.data }, pending.op === 'images' ? 'vision' : 'text', this.engine));
    } catch (error) {
      pending.reject(error as Error);
    }
  }

  #request(op: EngineRequest['op'], input: Float32Array | Int32Array, count: number): Promise<EmbeddingMatrix> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const data = this.#transferable(input);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { op, resolve, reject });
      const request = { id, op, data, count } as EngineRequest;
      this.#worker.postMessage(request, [data.buffer as ArrayBuffer]);
    });
  }

  /** A copy of `input` in a buffer this thread may give away: a spare one large enough, or a new one. */
  #transferable<T extends Float32Array | Int32Array>(input: T): T {
    const index = this.#spare.findIndex((buffer) => buffer.byteLength >= input.byteLength);
    if (index < 0) return input.slice() as T;
    const [buffer] = this.#spare.splice(index, 1) as [ArrayBuffer];
    const copy = (input instanceof Float32Array ? new Float32Array(buffer, 0, input.length) : new Int32Array(buffer, 0, input.length)) as T;
    copy.set(input);
    return copy;
  }

  embedImages(pixelValues: Float32Array, count: number): Promise<EmbeddingMatrix> {
    return this.#request('images', pixelValues, count);
  }

  embedTexts(inputIds: Int32Array, count: number): Promise<EmbeddingMatrix> {
    return this.#request('texts', inputIds, count);
  }

  /** Stops the worker (and frees the session with it). Safe to call more than once. */
  dispose(): void {
    this.#failure ??= new EngineError(`The ${this.engine} engine was disposed.`, this.engine);
    void this.#worker.terminate();
  }
}
