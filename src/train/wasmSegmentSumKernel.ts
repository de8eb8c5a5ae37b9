import * as tf from '@tensorflow/tfjs-core';

interface WasmBackendLike {
  readSync(dataId: object): Float32Array | Int32Array;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset: undefined, values: Float32Array): tf.TensorInfo;
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
