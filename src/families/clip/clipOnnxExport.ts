import { expectedClipWeightShapes } from './clipConfig.js';
import { ModelLoadError } from '../../errors/errors.js';
import {
  addAndNormNodes,
  encoderLayerWeights,
  encoderStackNodes,
  fixedPositionPooling,
  type Pooling,
} from '../../export/encoderLayerNodes.js';
import { encodeTowerGraph, type OnnxExportOptions, type OnnxTowerGraphs } from '../../export/encodeTowerGraph.js';
import { linearNodes, namedWeights } from '../../export/linearNodes.js';
import { onnxAttribute, type ExportContext, type OnnxGraphBuilder } from '../../export/OnnxGraphBuilder.js';
import { sequenceShapes, type SequenceShapes } from '../../export/selfAttentionNodes.js';
import { patchEmbeddingNodes, textInput, textOutput, textPoolingNodes, visionInput, visionOutput } from '../../export/towerNodes.js';
import type { VisionConfig } from '../../model/towerConfig.js';
import type { WeightMap } from '../../model/weightMap.js';
import type { LoadedModel } from '../modelFamily.js';
import type { TextConfig } from './clipConfig.js';

/**
 * CLIP's ONNX exporter: its image and text towers built from the export/ building blocks, in the
 * layout of every family's export (Optimum / transformers.js names, opset 17, dynamic batch).
 */

/** The two serialized ONNX `ModelProto`s of a CLIP model (embedding width: projectionDim). */
export type ClipOnnxExport = OnnxTowerGraphs;

/**
 * The image tower into `ctx.builder`: `pixel_values` float32 [batch, C, S, S] (normalised NCHW)
 * -> `image_embeds` float32 [batch, projectionDim], projected, not normalised. Patch embedding,
 * class token, positions, pre-LN, transformer (over token rows [batch * seq, width]), post-LN on
 * the class token, projection.
 */
function clipVisionGraph(ctx: ExportContext, weightMap: WeightMap, config: VisionConfig, projectionDim: number): void {
  const b = ctx.builder;
  const weights = namedWeights(weightMap);
  const { hiddenSize: width, numChannels, imageSize } = config;
  const pixels = b.input(visionInput, 'float32', ['batch', numChannels, imageSize, imageSize]);
  const x = b.inScope('vision_model.embeddings', () => {
    const positions = weights.tensor('vision_model.embeddings.position_embedding.weight');
    const patches = patchEmbeddingNodes(ctx, pixels, weights.tensor('vision_model.embeddings.patch_embedding.weight'), config);
    const patchCount = (positions.shape[0] ?? 1) - 1;
    const patchPositions = b.initializer('vision_model.embeddings.patch_position_embedding', [patchCount, width], {
      type: 'float32',
      data: positions.data.subarray(width),
    });
    // The class token plus its position is one constant row, broadcast over the batch.
    const classRow = weights.tensor('vision_model.embeddings.class_embedding').data.map((v, i) => v + (positions.data[i] ?? 0));
    const classToken = b.initializer('vision_model.embeddings.class_token_with_position', [1, 1, width], { type: 'float32', data: classRow });
    const batch = b.op('Slice', [b.op('Shape', [pixels]), b.int64s([0]), b.int64s([1])]);
    const classTokens = b.op('Expand', [classToken, b.op('Concat', [batch, b.int64s([1, width])], { axis: onnxAttribute.int(0) })]);
    return b.op('Concat', [classTokens, b.op('Add', [patches, patchPositions])], { axis: onnxAttribute.int(1) });
  });
  const rows = b.op('Reshape', [x, b.int64s([-1, width])]);
  const preNormed = addAndNormNodes(ctx, { base: rows }, weights.norm('vision_model.pre_layrnorm'), config.layerNormEps).normed;
  const layers = encoderLayerWeights(weights, 'vision_model', config.numHiddenLayers);
  const shapes = sequenceShapes(b, (imageSize / config.patchSize) ** 2 + 1);
  const pending = encoderStackNodes(ctx, preNormed, layers, config, { shapes, causal: false }, fixedPositionPooling(b, shapes, width, 0));
  const pooled = addAndNormNodes(ctx, pending, weights.norm('vision_model.post_layernorm'), config.layerNormEps).normed;
  const projected = linearNodes({ ...ctx, precision: 'fp32' }, pooled, weights.linear('visual_projection', false)).y;
  b.output(projected, visionOutput, 'float32', ['batch', projectionDim]);
}

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
function clipTextGraph(ctx: ExportContext, weightMap: WeightMap, config: TextConfig, projectionDim: number): void {
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

/**
 * Builds the image and text towers of a CLIP model as two ONNX graphs in the Optimum /
 * transformers.js layout (opset 17, dynamic batch), weights as initializers. Pure: reads only
 * `model`. The text graph reads `model.config.text.eosTokenId` to find the pooled position.
 * @throws ModelLoadError for a model of another family, or when a tower's weights exceed one
 *   protobuf file (2 GiB), before any work.
 */
export function exportClipOnnx(model: LoadedModel, options: OnnxExportOptions = {}): ClipOnnxExport {
  const { config, weights } = model;
  if (config.family !== 'clip') throw new ModelLoadError(`exportClipOnnx: ${model.id} is a ${config.family} model, not CLIP.`, model.dir);
  const source = { id: model.id, dir: model.dir, weightShapes: expectedClipWeightShapes(config) };
  const vision = encodeTowerGraph(source, 'vision', options, (ctx) => clipVisionGraph(ctx, weights, config.vision, config.projectionDim));
  const text = encodeTowerGraph(source, 'text', options, (ctx) => clipTextGraph(ctx, weights, config.text, config.projectionDim));
  return { vision, text };
}
