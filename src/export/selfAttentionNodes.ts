import { linearNodes, stackLinearLayers, type EncoderLayerWeights, type LinearOutput } from './linearNodes.js';
import { onnxAttribute, transposeMatrix, type ExportContext, type OnnxGraphBuilder } from './OnnxGraphBuilder.js';

/**
 * Multi-head self-attention over a tower's token rows: the shapes that fold rows into sequences,
 * splitting and merging heads, and the attention subgraph (fused or standard ops).
 */

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

/** How a tower's token rows form sequences, and which keys each query may see. */
export interface SequenceLayout {
  readonly shapes: SequenceShapes;
  /** Text: each position sees itself and earlier ones. */
  readonly causal: boolean;
  /** For the standard-op path of a causal tower: additive [seq, seq] mask (0 or a large negative). */
  readonly causalMask?: string | undefined;
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

/**
 * Token rows [batch * seq, heads * headDim] -> [batch, heads, seq, headDim], or with
 * `keysTransposed` [batch, heads, headDim, seq] (the right operand of Q K^T, so no separate
 * transpose).
 */
export function splitHeadsNodes(b: OnnxGraphBuilder, rows: string, shapes: SequenceShapes, heads: number, headDim: number, keysTransposed = false): string {
  const split = b.op('Reshape', [rows, shapes.fold([heads, headDim])]);
  return b.op('Transpose', [split], { perm: onnxAttribute.ints(keysTransposed ? [0, 2, 3, 1] : [0, 2, 1, 3]) });
}

/** [batch, heads, seq, headDim] -> token rows [batch * seq, heads * headDim]. */
function mergeHeadsNodes(b: OnnxGraphBuilder, x: string, width: number): string {
  const transposed = b.op('Transpose', [x], { perm: onnxAttribute.ints([0, 2, 1, 3]) });
  return b.op('Reshape', [transposed, b.int64s([-1, width])]);
}

/**
 * Multi-head self-attention of the token rows `h` [batch * seq, width] over all positions of each
 * sequence, through the output projection. Returns the projection's output (rows) and, when a
 * fused consumer adds it, its bias.
 * - fused fp32: `com.microsoft.Attention` (q/k/v projection, scaling, softmax and the causal
 *   mask in one kernel), then the output product.
 * - fused q8: one quantized q/k/v product, `com.microsoft.MultiHeadAttention`, the output product.
 * - standard ops: one q/k/v product (1/sqrt(headDim) folded into q), MatMul, Softmax, MatMul.
 */
export function selfAttentionNodes(ctx: ExportContext, h: string, layer: EncoderLayerWeights, heads: number, layout: SequenceLayout): LinearOutput {
  const b = ctx.builder;
  const width = layer.q.weight.shape[0] ?? 0;
  const headDim = width / heads;
  const headsAttr = { num_heads: onnxAttribute.int(heads), ...(layout.causal ? { unidirectional: onnxAttribute.int(1) } : {}) };
  const toSequences = (rows: string) => b.op('Reshape', [rows, layout.shapes.fold([width])]);
  const toRows = (sequences: string) => b.op('Reshape', [sequences, b.int64s([-1, width])]);
  let context: string;
  if (ctx.fusedOps && ctx.precision === 'fp32') {
    const qkv = stackLinearLayers(`${layer.name}.self_attn.qkv_proj`, [layer.q, layer.k, layer.v]);
    const [rows = 0, columns = 0] = qkv.weight.shape;
    const weight = b.initializer(`${qkv.name}.weight_t`, [columns, rows], { type: 'float32', data: transposeMatrix(qkv.weight.data, rows, columns) });
    const bias = b.initializer(`${qkv.name}.bias`, [rows], { type: 'float32', data: qkv.bias?.data ?? new Float32Array(rows) });
    context = toRows(b.op('Attention', [toSequences(h), weight, bias], headsAttr, 'com.microsoft'));
  } else if (ctx.fusedOps) {
    const qkv = linearNodes(ctx, h, stackLinearLayers(`${layer.name}.self_attn.qkv_proj`, [layer.q, layer.k, layer.v])).y;
    const [q = '', k = '', v = ''] = b.node('Split', [qkv], { axis: onnxAttribute.int(-1) }, { outputs: 3 });
    context = toRows(b.op('MultiHeadAttention', [q, k, v].map(toSequences), headsAttr, 'com.microsoft'));
  } else {
    const scale = 1 / Math.sqrt(headDim);
    const qkv = linearNodes(ctx, h, stackLinearLayers(`${layer.name}.self_attn.qkv_proj`, [layer.q, layer.k, layer.v], [scale, 1, 1])).y;
    const [q = '', k = '', v = ''] = b.node('Split', [qkv], { axis: onnxAttribute.int(-1) }, { outputs: 3 });
    const split = (rows: string, keysTransposed = false) => splitHeadsNodes(b, rows, layout.shapes, heads, headDim, keysTransposed);
    let scores = b.op('MatMul', [split(q), split(k, true)]);
    if (layout.causalMask !== undefined) scores = b.op('Add', [scores, layout.causalMask]);
    const probs = b.op('Softmax', [scores], { axis: onnxAttribute.int(-1) });
    context = mergeHeadsNodes(b, b.op('MatMul', [probs, split(v)]), width);
  }
  return linearNodes(ctx, context, layer.out, ctx.fusedOps);
}
