import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { onnxAttribute } from './onnxAttribute.js';

/**
 * Per row of `inputIds` [batch, context] int64, the position the text embedding is read at:
 * the first `eosTokenId`, or `argmax(input_ids)` in a row without one (OpenAI's rule; ties
 * to the first). Returns int64 [batch].
 */
export function textPoolingNodes(b: OnnxGraphBuilder, inputIds: string, eosTokenId: number): string {
  const float = onnxAttribute.int(1);
  const isEos = b.op('Cast', [b.op('Equal', [inputIds, b.int64s([eosTokenId], [])])], { to: float });
  const rowReduce = { axis: onnxAttribute.int(1), keepdims: onnxAttribute.int(0) };
  const firstEos = b.op('ArgMax', [isEos], rowReduce);
  const hasEos = b.op('Cast', [b.op('ReduceMax', [isEos], { axes: onnxAttribute.ints([1]), keepdims: onnxAttribute.int(0) })], {
    to: onnxAttribute.int(9),
  });
  // Token ids are below 2^24, so float32 holds them exactly.
  const highestId = b.op('ArgMax', [b.op('Cast', [inputIds], { to: float })], rowReduce);
  return b.op('Where', [hasEos, firstEos, highestId]);
}
