import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { Device } from '../engines/embeddingEngine.js';
import { selectTfjsBackend } from '../engines/tfjs/selectTfjsBackend.js';

interface WasmBackendLike {
  readSync(dataId: object): Float32Array | Int32Array;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset: undefined, values: Float32Array): tf.TensorInfo;
}

/**
 * A resolve hook that lets Node load tfjs-core's per-file ES modules as shipped: they sit in
 * a package without "type": "module" and import each other without the `.js` extension.
 */
const coreModulesHook = `
  const inCore = (url) => url.includes('/@tensorflow/tfjs-core/dist/') && !url.endsWith('tf-core.node.js');
  export async function resolve(specifier, context, next) {
    const parent = context.parentURL ?? '';
    if (inCore(parent) && specifier.startsWith('.') && !specifier.endsWith('.js')) {
      return { url: new URL(specifier + '.js', parent).href, format: 'module', shortCircuit: true };
    }
    const resolved = await next(specifier, context);
    return inCore(resolved.url) ? { ...resolved, format: 'module' } : resolved;
  }`;

let registered: Promise<void> | undefined;

/**
 * Registers tfjs-core's gradient functions, once per process. tfjs-core's Node bundle
 * registers none (only the `@tensorflow/tfjs` union bundle does); the configs exist in its
 * per-file modules (`dist/gradients/*.js`), loaded here through a resolve hook. The kernel and
 * gradient registries live on `globalThis`, so gradients registered from that copy serve the
 * bundle's ops.
 */
export function registerCoreGradients(): Promise<void> {
  registered ??= (async () => {
    register(`data:text/javascript,${encodeURIComponent(coreModulesHook)}`);
    const file = createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
    await import(pathToFileURL(file).href);
  })();
  return registered;
}

let installed = false;

/**
 * The wasm backend multiplies through XNNPACK only when neither operand is transposed; with
 * transposeA or transposeB (attention scores, and the weight and input gradients of every
 * matMul) it takes a naive loop 10-20x slower. This wraps its BatchMatMul kernel to
 * transpose such operands first (the Transpose kernel is cheap) and multiply untransposed.
 * The products are the same; only the summation order inside XNNPACK may differ.
 */
export function useUntransposedWasmMatMul(): void {
  if (installed) return;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (original === undefined || transpose === undefined) throw new Error('The wasm backend has no BatchMatMul or Transpose kernel.');
  const swapLastTwo = (x: tf.TensorInfo, backend: object): tf.TensorInfo => {
    const rank = x.shape.length;
    const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
    return transpose.kernelFunc({ inputs: { x }, attrs: { perm }, backend }) as tf.TensorInfo;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const wasm = backend as unknown as { disposeData(dataId: object): void };
      const temporaries: tf.TensorInfo[] = [];
      let a = inputs['a'] as tf.TensorInfo;
      let b = inputs['b'] as tf.TensorInfo;
      if (attrs?.['transposeA'] === true) temporaries.push((a = swapLastTwo(a, backend)));
      if (attrs?.['transposeB'] === true) temporaries.push((b = swapLastTwo(b, backend)));
      const out = original.kernelFunc({ inputs: { a, b }, attrs: { ...attrs, transposeA: false, transposeB: false }, backend });
      for (const t of temporaries) wasm.disposeData(t.dataId);
      return out;
    },
  });
  installed = true;
}

/**
 * Registers an UnsortedSegmentSum kernel for the wasm backend, which has none; the gradient
 * of `gather` (token embeddings, pooled rows) needs it. Plain JS:
 * x [n, ...inner], segmentIds [n] -> [numSegments, ...inner], rows with the same id summed,
 * rows with an id outside [0, numSegments) dropped (as TensorFlow does).
 */
export function registerWasmSegmentSumKernel(): void {
  if (tf.getKernel('UnsortedSegmentSum', 'wasm') !== undefined) return;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const wasm = backend as unknown as WasmBackendLike;
      const x = inputs['x'] as tf.TensorInfo;
      const ids = wasm.readSync((inputs['segmentIds'] as tf.TensorInfo).dataId);
      const numSegments = attrs?.['numSegments'] as number;
      const values = wasm.readSync(x.dataId);
      const inner = ids.length === 0 ? 0 : values.length / ids.length;
      const out = new Float32Array(numSegments * inner);
      for (let row = 0; row < ids.length; row++) {
        const id = ids[row] ?? -1;
        if (id < 0 || id >= numSegments) continue;
        for (let k = 0; k < inner; k++) out[id * inner + k] = (out[id * inner + k] ?? 0) + (values[row * inner + k] ?? 0);
      }
      return wasm.makeOutput([numSegments, ...x.shape.slice(1)], 'float32', undefined, out);
    },
  });
}

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
