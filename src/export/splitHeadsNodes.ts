import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { onnxAttribute } from './onnxAttribute.js';
import type { SequenceShapes } from './sequenceShapes.js';

/**
 * Token rows [batch * seq, heads * headDim] -> [batch, heads, seq, headDim], or with
 * `keysTransposed` [batch, heads, headDim, seq] (the right operand of Q K^T, so no separate
 * transpose).
 */
export function splitHeadsNodes(b: OnnxGraphBuilder, rows: string, shapes: SequenceShapes, heads: number, headDim: number, keysTransposed = false): string {
  const split = b.op('Reshape', [rows, shapes.fold([heads, headDim])]);
  return b.op('Transpose', [split], { perm: onnxAttribute.ints(keysTransposed ? [0, 2, 3, 1] : [0, 2, 1, 3]) });
}
