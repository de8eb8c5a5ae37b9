import type { Tensor } from 'onnxruntime-node';
import { encodeFloat16 } from '../../model/float16.js';
import type { Ort } from './loadOrt.js';
import type { TowerValueType } from './towerSpec.js';

function toBigInt64(values: Int32Array | Float32Array): BigInt64Array {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i] ?? 0);
  return out;
}

/**
 * Wraps plain numbers as an onnxruntime tensor of element type `type`: float32 as is, float16 as
 * rounded half-precision bits, int64/int32 from integer values.
 */
export function toOrtTensor(ort: Ort, values: Float32Array | Int32Array, type: TowerValueType, dims: readonly number[]): Tensor {
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', values instanceof Float32Array ? values : Float32Array.from(values), dims);
    case 'float16': {
      const bits = new Uint16Array(values.length);
      encodeFloat16(values instanceof Float32Array ? values : Float32Array.from(values), bits);
      return new ort.Tensor('float16', bits, dims);
    }
    case 'int64':
      return new ort.Tensor('int64', toBigInt64(values), dims);
    case 'int32':
      return new ort.Tensor('int32', values instanceof Int32Array ? values : Int32Array.from(values), dims);
  }
}
