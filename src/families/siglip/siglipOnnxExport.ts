import { ModelLoadError } from '../../errors/errors.js';
import { addAndNormNodes, encoderLayerWeights, encoderStackNodes, fixedPositionPooling } from '../../export/encoderLayerNodes.js';
import { encodeTowerGraph, type OnnxExportOptions, type OnnxTowerGraphs } from '../../export/encodeTowerGraph.js';
import { linearNodes, namedWeights } from '../../export/linearNodes.js';
import type { ExportContext } from '../../export/OnnxGraphBuilder.js';
import { sequenceShapes } from '../../export/selfAttentionNodes.js';
import {
  attentionPoolingNodes,
  attentionPoolingWeights,
  patchEmbeddingNodes,
  textInput,
  textOutput,
  visionInput,
  visionOutput,
} from '../../export/towerNodes.js';
import type { VisionConfig } from '../../model/towerConfig.js';
import type { WeightMap, WeightTensor } from '../../model/weightMap.js';
import type { LoadedModel } from '../modelFamily.js';
import type { SiglipTextConfig } from './siglipConfig.js';
import { expectedSiglipWeightShapes } from './siglipWeightShapes.js';

/** A checkpoint tensor as a float32 initializer under its own name. */
function tensorInitializer(ctx: ExportContext, name: string, tensor: WeightTensor): string {
  return ctx.builder.initializer(name, tensor.shape, { type: 'float32', data: tensor.data });
}

/**
 * `SiglipVisionTransformer` into `ctx.builder`: `pixel_values` float32 [batch, C, S, S]
 * (normalised NCHW) -> `image_embeds` float32 [batch, width]. Patch embedding with bias plus
 * positions (no class token, no pre-LN), the encoder over every patch, post_layernorm, then the
 * attention-pooling head, whose output is the embedding (no projection).
 */
function siglipVisionGraph(ctx: ExportContext, weightMap: WeightMap, config: VisionConfig): void {
  const b = ctx.builder;
  const weights = namedWeights(weightMap);
  const { hiddenSize: width, numChannels, imageSize, patchSize } = config;
  const patchCount = (imageSize / patchSize) ** 2;
  const pixels = b.input(visionInput, 'float32', ['batch', numChannels, imageSize, imageSize]);
  const x = b.inScope('vision_model.embeddings', () => {
    const kernel = weights.tensor('vision_model.embeddings.patch_embedding.weight');
    const patches = patchEmbeddingNodes(ctx, pixels, kernel, config, weights.tensor('vision_model.embeddings.patch_embedding.bias'));
    const positions = tensorInitializer(ctx, 'vision_model.embeddings.position_embedding.weight', weights.tensor('vision_model.embeddings.position_embedding.weight'));
    return b.op('Add', [patches, positions]);
  });
  const rows = b.op('Reshape', [x, b.int64s([-1, width])]);
  const shapes = sequenceShapes(b, patchCount);
  const layers = encoderLayerWeights(weights, 'vision_model', config.numHiddenLayers);
  const pending = encoderStackNodes(ctx, rows, layers, config, { shapes, causal: false });
  const normed = addAndNormNodes(ctx, pending, weights.norm('vision_model.post_layernorm'), config.layerNormEps).normed;
  const pooled = attentionPoolingNodes(ctx, normed, attentionPoolingWeights(weights, 'vision_model.head'), config, shapes);
  b.output(pooled, visionOutput, 'float32', ['batch', width]);
}

/**
 * `SiglipTextTransformer` into `ctx.builder`: `input_ids` int64 [batch, context] (padded to the
 * full context, as SigLIP's tokenizers pad) -> `text_embeds` float32 [batch, projectionSize].
 * Token plus position embeddings over every position, a bidirectional encoder (no causal mask,
 * no attention mask: padding is attended to, as in training), final_layer_norm on the LAST
 * position, then the head Linear. The last layer runs its query and MLP on that position alone.
 */
function siglipTextGraph(ctx: ExportContext, weightMap: WeightMap, config: SiglipTextConfig): void {
  const b = ctx.builder;
  const weights = namedWeights(weightMap);
  const { hiddenSize: width, maxPositionEmbeddings: context } = config;
  const inputIds = b.input(textInput, 'int64', ['batch', context]);
  const x = b.inScope('text_model.embeddings', () => {
    const tokenTable = tensorInitializer(ctx, 'text_model.embeddings.token_embedding.weight', weights.tensor('text_model.embeddings.token_embedding.weight'));
    const positions = tensorInitializer(ctx, 'text_model.embeddings.position_embedding.weight', weights.tensor('text_model.embeddings.position_embedding.weight'));
    return b.op('Add', [b.op('Gather', [tokenTable, inputIds]), positions]);
  });
  const rows = b.op('Reshape', [x, b.int64s([-1, width])]);
  const shapes = sequenceShapes(b, context);
  const layers = encoderLayerWeights(weights, 'text_model', config.numHiddenLayers);
  const pending = encoderStackNodes(ctx, rows, layers, config, { shapes, causal: false }, fixedPositionPooling(b, shapes, width, context - 1));
  const pooled = addAndNormNodes(ctx, pending, weights.norm('text_model.final_layer_norm'), config.layerNormEps).normed;
  // Like CLIP's projections, the head stays float32 in q8: one small product per text.
  const embeds = linearNodes({ ...ctx, precision: 'fp32' }, pooled, weights.linear('text_model.head')).y;
  b.output(embeds, textOutput, 'float32', ['batch', config.projectionSize]);
}

/**
 * Builds the image and text towers of a SigLIP / fixed-resolution SigLIP 2 model (`SiglipModel`)
 * as two ONNX graphs in the layout of the CLIP export (Optimum / transformers.js names, opset 17,
 * dynamic batch), so the onnx engine opens either: `pixel_values` -> `image_embeds`, `input_ids`
 * -> `text_embeds`, both [batch, projectionDim], not normalised. Pure: reads only `model`. The
 * scoring scalars (`logit_scale`, `logit_bias`) are not in the graphs; engines read them from the
 * checkpoint.
 *
 * q8 stores as int8 the encoder Linear layers, the patch embedding and the vision head's
 * key/value, output and MLP products (the head is a block like an encoder layer's, and its
 * key/value product runs over every patch); the text head, like CLIP's projections, the
 * embeddings, norms and biases stay float32.
 * @throws ModelLoadError for a model of another family, or when a tower's weights exceed one
 *   protobuf file (2 GiB), before any work.
 */
export function exportSiglipOnnx(model: LoadedModel, options: OnnxExportOptions = {}): OnnxTowerGraphs {
  const { config, weights } = model;
  if (config.family !== 'siglip') throw new ModelLoadError(`exportSiglipOnnx: ${model.id} is a ${config.family} model, not SigLIP.`, model.dir);
  const source = { id: model.id, dir: model.dir, weightShapes: expectedSiglipWeightShapes(config) };
  const vision = encodeTowerGraph(source, 'vision', options, (ctx) => siglipVisionGraph(ctx, weights, config.vision));
  const text = encodeTowerGraph(source, 'text', options, (ctx) => siglipTextGraph(ctx, weights, config.text));
  return { vision, text };
}
