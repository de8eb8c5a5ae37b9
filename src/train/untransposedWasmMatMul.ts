import * as tf from '@tensorflow/tfjs-core';

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
    return transpose.kernelFunc({ inputs: { x }, attrs: { perm }, backend } as never) as tf.TensorInfo;
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
      const out = original.kernelFunc({ inputs: { a, b }, attrs: { ...attrs, transposeA: false, transposeB: false }, backend } as never);
      for (const t of temporaries) wasm.disposeData(t.dataId);
      return out;
    },
  });
  installed = true;
}
