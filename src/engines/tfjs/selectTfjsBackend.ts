import * as tf from '@tensorflow/tfjs-core';
import { EngineError } from '../../errors/errors.js';
import type { EngineOptions } from '../embeddingEngine.js';

/** Optional native bindings, tried in this order; names are strings so tsc does not require them. */
const nodeBindings = { gpu: '@tensorflow/tfjs-node-gpu', cpu: '@tensorflow/tfjs-node' } as const;

async function tryImport(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

async function activate(backend: string): Promise<boolean> {
  try {
    return (await tf.setBackend(backend)) && tf.getBackend() === backend;
  } catch {
    return false;
  }
}

async function activateWasm(threads: number | undefined): Promise<boolean> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (threads !== undefined) wasm.setThreadsCount(threads);
  return activate('wasm');
}

/**
 * Makes the best available tfjs backend for `options.device` current and returns its name.
 * `gpu` needs @tensorflow/tfjs-node-gpu and never falls back; `cpu` prefers tfjs-node's
 * native TensorFlow, then WebAssembly; `auto` tries the GPU binding first.
 */
export async function selectTfjsBackend(options: EngineOptions): Promise<string> {
  if (options.device === 'gpu' || options.device === 'auto') {
    if ((await tryImport(nodeBindings.gpu)) && (await activate('tensorflow'))) return 'tensorflow-gpu';
    if (options.device === 'gpu') {
      throw new EngineError(
        `--device gpu needs the optional package ${nodeBindings.gpu} (with CUDA and cuDNN); it is not installed or did not load. ` +
          `Install it with 'npm install ${nodeBindings.gpu}', or use --device cpu.`,
        'tfjs',
      );
    }
  }
  if ((await tryImport(nodeBindings.cpu)) && (await activate('tensorflow'))) return 'tensorflow';
  if (await activateWasm(options.threads)) return 'wasm';
  if (await activate('cpu')) return 'cpu';
  throw new EngineError('No TensorFlow.js backend could be initialised (tried tensorflow, wasm, cpu).', 'tfjs');
}
