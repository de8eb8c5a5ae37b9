import type { TextConfig } from '../model/clipConfig.js';
import type { WeightMap } from '../model/weightMap.js';
import { addAndNormNodes } from './addAndNormNodes.js';
import { encoderStackNodes } from './encoderStackNodes.js';
import type { ExportContext } from './exportContext.js';
import { linearNodes } from './linearNodes.js';
import type { OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { onnxAttribute } from './onnxAttribute.js';
import type { Pooling } from './pooledLayerNodes.js';
import { textPoolingNodes } from './textPoolingNodes.js';
import { encoderLayerWeights } from './encoderLayerWeights.js';
import { namedWeights } from './namedWeights.js';
import { sequenceShapes, type SequenceShapes } from './sequenceShapes.js';

export const textInput = 'input_ids';
export const textOutput = 'text_embeds';

/** Additive masks use this instead of -inf: exp underflows to exactly 0 all the same. */
const hidden = -1e9;

/** Additive causal mask [context, context]: 0 on and below the diagonal, `hidden` above. */
function causalMaskData(length: number): Float32Array {
  const mask = new Float32Array(length * length);
  for (let i = 0; i < length; i++) mask.fill(hidden, i * length + i + 1, (i + 1) * length);
  return mask;
}

/** Gathers row `positions[b]` of each sequence, and masks the keys after it. */
function pooling(b: OnnxGraphBuilder, positions: string, length: string, shapes: SequenceShapes, width: number): Pooling {
  const index = b.op('Unsqueeze', [positions, b.int64s([1])]);
  const pool = (rows: string) => b.op('GatherND', [b.op('Reshape', [rows, shapes.fold([width])]), index], { batch_dims: onnxAttribute.int(1) });
  const keys = b.op('Range', [b.int64s([0], []), b.op('Squeeze', [length, b.int64s([0])]), b.int64s([1], [])]);
  const later = b.op('Greater', [b.op('Unsqueeze', [keys, b.int64s([0])]), index]);
  const mask = b.op('Where', [later, b.float32s([hidden], []), b.float32s([0], [])]);
  return { pool, keyMask: b.op('Reshape', [mask, b.int64s([0, 1, 1, -1])]) };
}

/**
 * The text tower into `ctx.builder`: `input_ids` int64 [batch, context] -> `text_embeds` float32
 * [batch, projectionDim], projected, not normalised. Causal attention cannot see past the pooled
 * position, so the sequence is cut after the batch's last pooled position (most prompts need a
 * fraction of the 77 positions), as the tfjs engine does.
 */
export function textGraph(ctx: ExportContext, weightMap: WeightMap, config: TextConfig, projectionDim: number): void {
  const b = ctx.builder;
  const weights = namedWeights(weightMap);
  const context = config.maxPositionEmbeddings;
  const inputIds = b.input(textInput, 'int64', ['batch', context]);
  const { x, positions, length } = b.inScope('text_model.embeddings', () => {
    const positions = textPoolingNodes(b, inputIds, config.eosTokenId);
    const length = b.op('Add', [b.op('ReduceMax', [positions], { keepdims: onnxAttribute.int(1) }), b.int64s([1])]);
    const ids = b.op('Slice', [inputIds, b.int64s([0]), length, b.int64s([1])]);
    const table = weights.tensor('text_model.embeddings.token_embedding.weight');
    const tokens = b.op('Gather', [b.initializer('text_model.embeddings.token_embedding.weight', table.shape, { type: 'float32', data: table.data }), ids]);
    const positionTable = weights.tensor('text_model.embeddings.position_embedding.weight');
    const positionWeight = b.initializer('text_model.embeddings.position_embedding.weight', positionTable.shape, { type: 'float32', data: positionTable.data });
    const x = b.op('Add', [tokens, b.op('Slice', [positionWeight, b.int64s([0]), length, b.int64s([0])])]);
    return { x, positions, length };
  });
  // The fused attention ops mask causally themselves (`unidirectional`).
  const causalMask = ctx.fusedOps
    ? undefined
    : b.op('Slice', [
        b.initializer('text_model.causal_mask', [context, context], { type: 'float32', data: causalMaskData(context) }),
        b.int64s([0, 0]),
        b.op('Concat', [length, length], { axis: onnxAttribute.int(0) }),
        b.int64s([0, 1]),
      ]);
  const layers = encoderLayerWeights(weights, 'text_model', config.numHiddenLayers);
  const shapes = sequenceShapes(b, length);
  const rows = b.op('Reshape', [x, b.int64s([-1, config.hiddenSize])]);
  const pending = encoderStackNodes(ctx, rows, layers, config, { shapes, causal: true, causalMask }, pooling(b, positions, length, shapes, config.hiddenSize));
  const pooled = addAndNormNodes(ctx, pending, weights.norm('text_model.final_layer_norm'), config.layerNormEps).normed;
  const projected = linearNodes({ ...ctx, precision: 'fp32' }, pooled, weights.linear('text_projection', false)).y;
  b.output(projected, textOutput, 'float32', ['batch', projectionDim]);
}
