import type { TowerConfig } from '../model/clipConfig.js';
import { addAndNormNodes, type NormedResidual, type PendingResidual } from './addAndNormNodes.js';
import type { ExportContext } from './exportContext.js';
import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { splitHeadsNodes } from './splitHeadsNodes.js';
import { linearNodes } from './linearNodes.js';
import { mlpNodes } from './mlpNodes.js';
import { onnxAttribute } from './onnxAttribute.js';
import type { SequenceShapes } from './sequenceShapes.js';
import { stackLinearLayers } from './stackLinearLayers.js';
import type { EncoderLayerWeights } from './encoderLayerWeights.js';

/** Which row of each sequence the tower's output is read from. */
export interface Pooling {
  /** Token rows [batch * seq, width] -> [batch, width]: the pooled row of each sequence. */
  readonly pool: (value: string) => string;
  /** Additive [batch, 1, 1, seq] mask hiding the keys the pooled row must not see (text: later ones). */
  readonly keyMask?: string | undefined;
}

/**
 * Pooling at the same position of every sequence, with no keys hidden: CLIP's class token
 * (position 0), SigLIP's text (the last position, `seq - 1`).
 */
export function fixedPositionPooling(b: OnnxGraphBuilder, shapes: SequenceShapes, width: number, position: number): Pooling {
  const index = b.int64s([position], []);
  return { pool: (value) => b.op('Gather', [b.op('Reshape', [value, shapes.fold([width])]), index], { axis: onnxAttribute.int(1) }) };
}

/**
 * The last encoder layer, computed only where the output is read: every position still gives
 * keys and values, but the query, the output projection and the MLP run on the pooled row
 * alone (1 of 50 rows for ViT-B/32). The same function as the full layer followed by pooling.
 * @returns the pending last residual sum, [batch, width].
 */
export function pooledLayerNodes(
  ctx: ExportContext,
  stream: NormedResidual,
  layer: EncoderLayerWeights,
  tower: TowerConfig,
  shapes: SequenceShapes,
  pooling: Pooling,
): PendingResidual {
  const b = ctx.builder;
  return b.inScope(layer.name, () => {
    const heads = tower.numAttentionHeads;
    const width = tower.hiddenSize;
    const headDim = width / heads;
    const scaledQ = stackLinearLayers(`${layer.name}.self_attn.q_proj_scaled`, [layer.q], [1 / Math.sqrt(headDim)]);
    const query = linearNodes(ctx, pooling.pool(stream.normed), scaledQ).y;
    const kv = linearNodes(ctx, stream.normed, stackLinearLayers(`${layer.name}.self_attn.kv_proj`, [layer.k, layer.v])).y;
    const [k = '', v = ''] = b.node('Split', [kv], { axis: onnxAttribute.int(-1) }, { outputs: 2 });
    const q = b.op('Reshape', [query, b.int64s([0, heads, 1, headDim])]);
    let scores = b.op('MatMul', [q, splitHeadsNodes(b, k, shapes, heads, headDim, true)]);
    if (pooling.keyMask !== undefined) scores = b.op('Add', [scores, pooling.keyMask]);
    const probs = b.op('Softmax', [scores], { axis: onnxAttribute.int(-1) });
    const context = b.op('Reshape', [b.op('MatMul', [probs, splitHeadsNodes(b, v, shapes, heads, headDim)]), b.int64s([0, width])]);
    const attention = linearNodes(ctx, context, layer.out, ctx.fusedOps);
    const pending = { base: pooling.pool(stream.sum), delta: attention.y, bias: attention.bias };
    const afterAttention = addAndNormNodes(ctx, pending, layer.norm2, tower.layerNormEps);
    const mlp = mlpNodes(ctx, afterAttention.normed, layer, tower.hiddenAct);
    return { base: afterAttention.sum, delta: mlp.y, bias: mlp.bias };
  });
}
