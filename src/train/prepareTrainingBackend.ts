import * as tf from '@tensorflow/tfjs-core';
import type { Device } from '../engines/engineOptions.js';
import { selectTfjsBackend } from '../engines/tfjs/selectTfjsBackend.js';
import { registerCoreGradients } from './registerCoreGradients.js';
import { useUntransposedWasmMatMul } from './untransposedWasmMatMul.js';
import { registerWasmSegmentSumKernel } from './wasmSegmentSumKernel.js';

/**
 * Selects the tfjs backend to train on (tfjs-node(-gpu) when installed, else wasm) and makes
 * it able to train the CLIP encoders: gradient functions registered, and on wasm the missing
 * UnsortedSegmentSum kernel and fast untransposed matrix products. Returns the backend name.
 */
export async function prepareTrainingBackend(device: Device, threads?: number): Promise<string> {
  registerWasmSegmentSumKernel();
  const backend = await selectTfjsBackend(threads === undefined ? { device } : { device, threads });
  // tfjs-node loads the @tensorflow/tfjs union bundle, which registers the gradients itself.
  if (backend === 'wasm' || backend === 'cpu') await registerCoreGradients();
  if (backend === 'wasm') useUntransposedWasmMatMul();
  await tf.ready();
  return backend;
}
