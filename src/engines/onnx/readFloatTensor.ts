import type { Tensor } from 'onnxruntime-node';
import { decodeFloat16 } from '../../model/float16.js';

/**
 * A float32 or float16 onnxruntime tensor's values as float32; `undefined` for other element
 * types. float16 arrives as raw bits (`Uint16Array`), or as a `Float16Array` where the runtime has one.
 */
export function readFloatTensor(tensor: Tensor): Float32Array | undefined {
  const data: unknown = tensor.data;
  if (tensor.type === 'float32' && data instanceof Float32Array) return data;
  if (tensor.type !== 'float16') return undefined;
  if (data instanceof Uint16Array) {
    const out = new Float32Array(data.length);
    decodeFloat16(data, out);
    return out;
  }
  return ArrayBuffer.isView(data) ? Float32Array.from(data as unknown as ArrayLike<number>) : undefined;
}
