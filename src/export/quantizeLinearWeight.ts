import type { WeightTensor } from '../model/weightMap.js';
import { transposeMatrix } from './transposeMatrix.js';

/** A Linear weight as symmetric int8, laid out as the [in, out] right operand of a MatMul. */
export interface QuantizedWeight {
  /** [in, out] row-major, values in [-limit, limit]; zero point 0. */
  readonly values: Int8Array;
  /** One scale per output channel: weight ~ values * scale. */
  readonly scales: Float32Array;
  readonly inFeatures: number;
  readonly outFeatures: number;
}

/**
 * Quantizes a Linear weight [out, in] per output channel, symmetrically: each row's largest
 * magnitude maps to `limit` (127 uses the full int8 range; 63 keeps every u8 x s8 pair sum of
 * a 16-bit-accumulating kernel below int16 overflow). Rounds half away from zero.
 */
export function quantizeLinearWeight(weight: WeightTensor, limit = 127): QuantizedWeight {
  const [outFeatures = 0, inFeatures = 0] = weight.shape;
  const rows = new Int8Array(outFeatures * inFeatures);
  const scales = new Float32Array(outFeatures);
  for (let o = 0; o < outFeatures; o++) {
    const offset = o * inFeatures;
    let largest = 0;
    for (let i = offset; i < offset + inFeatures; i++) largest = Math.max(largest, Math.abs(weight.data[i]!));
    // 1 for an all-zero row, and for one so small that largest / limit underflows.
    const scale = Math.fround(largest / limit) || 1;
    scales[o] = scale;
    for (let i = offset; i < offset + inFeatures; i++) {
      const w = weight.data[i]! / scale;
      const q = w < 0 ? -Math.round(-w) : Math.round(w);
      rows[i] = q > limit ? limit : q < -limit ? -limit : q;
    }
  }
  const values = transposeMatrix(rows, outFeatures, inFeatures);
  return { values, scales, inFeatures, outFeatures };
}
