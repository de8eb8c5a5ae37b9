import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { onnxAttribute } from './onnxAttribute.js';

/**
 * Reshape targets that fold a tower's token rows `[batch * seq, ...]` back into sequences
 * `[batch, seq, ...]`. The encoders keep the residual stream as rows, so that every Linear layer
 * is one 2D `Gemm` with its bias (ONNX Runtime fuses MatMul + Add into Gemm only for 2D inputs
 * once the batch is dynamic); attention folds the rows into sequences and heads.
 */
export interface SequenceShapes {
  /** An int64 [2 + tail.length] shape tensor `[-1, seq, ...tail]`, made once per distinct tail. */
  fold(tail: readonly number[]): string;
}

/**
 * @param seq the sequence length: a number when it is static (vision: patches + 1), or an int64
 *   [1] tensor when the graph computes it (text: cut after the batch's last pooled position).
 */
export function sequenceShapes(b: OnnxGraphBuilder, seq: number | string): SequenceShapes {
  const made = new Map<string, string>();
  return {
    fold(tail) {
      if (typeof seq === 'number') return b.int64s([-1, seq, ...tail]);
      const key = tail.join(',');
      const known = made.get(key);
      if (known !== undefined) return known;
      const shape = b.op('Concat', [b.int64s([-1]), seq, b.int64s(tail)], { axis: onnxAttribute.int(0) });
      made.set(key, shape);
      return shape;
    },
  };
}
