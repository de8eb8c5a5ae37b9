import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { onnxAttribute } from './onnxAttribute.js';

/**
 * [batch, seq, heads * headDim] -> [batch, heads, seq, headDim], or with `keysTransposed`
 * [batch, heads, headDim, seq] (the right operand of Q K^T, so no separate transpose).
 */
export function splitHeadsNodes(b: OnnxGraphBuilder, x: string, heads: number, headDim: number, keysTransposed = false): string {
  const split = b.op('Reshape', [x, b.int64s([0, 0, heads, headDim])]);
  return b.op('Transpose', [split], { perm: onnxAttribute.ints(keysTransposed ? [0, 2, 3, 1] : [0, 2, 1, 3]) });
}
