import type { VisionConfig } from '../model/clipConfig.js';
import type { WeightMap } from '../model/weightMap.js';
import { addAndNormNodes } from './addAndNormNodes.js';
import { encoderStackNodes } from './encoderStackNodes.js';
import type { ExportContext } from './exportContext.js';
import { linearNodes } from './linearNodes.js';
import { onnxAttribute } from './onnxAttribute.js';
import { patchEmbeddingNodes } from './patchEmbeddingNodes.js';
import { fixedPositionPooling } from './pooledLayerNodes.js';
import { encoderLayerWeights } from './encoderLayerWeights.js';
import { namedWeights } from './namedWeights.js';
import { sequenceShapes } from './sequenceShapes.js';

/** Graph input and output names of the Optimum / transformers.js layout. */
export const visionInput = 'pixel_values';
export const visionOutput = 'image_embeds';

/**
 * The image tower into `ctx.builder`: `pixel_values` float32 [batch, C, S, S] (normalised NCHW)
 * -> `image_embeds` float32 [batch, projectionDim], projected, not normalised. Patch embedding,
 * class token, positions, pre-LN, transformer (over token rows [batch * seq, width]), post-LN on
 * the class token, projection.
 */
export function visionGraph(ctx: ExportContext, weightMap: WeightMap, config: VisionConfig, projectionDim: number): void {
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
