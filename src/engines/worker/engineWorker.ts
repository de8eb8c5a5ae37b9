import { parentPort, workerData } from 'node:worker_threads';
import type { EmbeddingEngine } from '../embeddingEngine.js';
import { openModel } from '../openModel.js';
import type { EngineReply, EngineRequest, EngineWorkerData, WorkerFailure } from './WorkerEngine.js';

/**
 * The engine thread of a WorkerEngine: opens the model named in workerData, then embeds each
 * request in order. ONNX Runtime's Node binding runs a session synchronously on the thread that
 * calls it, so running it here leaves the main thread free to decode and draw the next batch.
 */
function failureOf(error: unknown): WorkerFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const named = error as Error & { path?: unknown; engine?: unknown; option?: unknown };
  const subject = [named.path, named.engine, named.option].find((s): s is string => typeof s === 'string');
  return { name: error.name, message: error.message, subject };
}

const port = parentPort;
if (port === null) throw new Error('engineWorker must run as a worker thread');
const reply = (message: EngineReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let engine: EmbeddingEngine;
try {
  engine = (await openModel((workerData as EngineWorkerData).args)).engine;
  reply({ kind: 'ready', engine: engine.engine, backend: engine.backend, scoring: engine.scoring });
} catch (error) {
  reply({ kind: 'openFailed', failure: failureOf(error) });
  port.close();
  process.exit(0);
}

// Requests are embedded one at a time, in the order they arrive.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: EngineRequest) => {
  queue = queue.then(async () => {
    const input = request.data.buffer as ArrayBuffer;
    try {
      const out = request.op === 'images' ? await engine.embedImages(request.data, request.count) : await engine.embedTexts(request.data, request.count);
      const data = out.data.byteOffset === 0 && out.data.byteLength === out.data.buffer.byteLength ? out.data : out.data.slice();
      reply({ kind: 'embedded', id: request.id, rows: out.rows, dim: out.dim, data, input }, [data.buffer as ArrayBuffer, input]);
    } catch (error) {
      reply({ kind: 'embedFailed', id: request.id, failure: failureOf(error), input }, [input]);
    }
  });
});
