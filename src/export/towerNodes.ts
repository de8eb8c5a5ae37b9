import type { TowerConfig, VisionConfig } from '../model/towerConfig.js';
import type { WeightTensor } from '../model/weightMap.js';
import { addAndNormNodes, mlpNodes } from './encoderLayerNodes.js';
import { linearNodes, type LinearLayer, type NamedWeights, type NormLayer } from './linearNodes.js';
import { onnxAttribute, type ExportContext, type OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { splitHeadsNodes, type SequenceShapes } from './selfAttentionNodes.js';

/**
 * The parts of a tower graph around its encoder: the input and output names, the patch embedding
 * (vision), the pooled position of a text (OpenAI's rule), and attention pooling with a learned
 * probe (SigLIP's vision head).
 */

/** Graph input and output names of the Optimum / transformers.js layout, which the onnx engine opens. */
export const visionInput = 'pixel_values';
export const visionOutput = 'image_embeds';
export const textInput = 'input_ids';
export const textOutput = 'text_embeds';

/**
 * The tensors of an attention-pooling head (transformers' `SiglipMultiheadAttentionPoolingHead`):
 * a learned probe, torch `nn.MultiheadAttention` with its q/k/v projections fused in `in_proj`,
 * then a LayerNorm and an MLP with a residual around them. Linear weights are [out, in].
 */
export interface AttentionPoolingWeights {
  /** HF name prefix, e.g. `vision_model.head`. */
  readonly name: string;
  /** The learned query token, [1, 1, width]. */
  readonly probe: WeightTensor;
  /** `in_proj` rows [0, width): the query projection, applied to the probe alone. */
  readonly q: LinearLayer;
  /** `in_proj` rows [width, 3 * width): keys and values as one Linear [2 * width, width]. */
  readonly kv: LinearLayer;
  readonly out: LinearLayer;
  readonly norm: NormLayer;
  readonly fc1: LinearLayer;
  readonly fc2: LinearLayer;
}

/**
 * The patch embedding, a Conv2d with stride = kernel = patch size, as what it is: a Linear layer
 * over flattened patches. [batch, C, S, S] is cut into [batch * g*g, C*P*P] rows (grid
 * row-major, each patch in (channel, y, x) order, the order of the flattened kernel
 * [width, C, P, P]), then multiplied by the kernel, so int8 export quantizes it like any Linear.
 * @param bias [width], for a Conv2d that has one (SigLIP's; CLIP's has none).
 * @returns [batch, g*g, width].
 */
export function patchEmbeddingNodes(
  ctx: ExportContext,
  pixels: string,
  kernel: WeightTensor,
  config: VisionConfig,
  bias?: WeightTensor,
): string {
  const b = ctx.builder;
  const { hiddenSize: width, numChannels, patchSize, imageSize } = config;
  const grid = imageSize / patchSize;
  const tiles = b.op('Reshape', [pixels, b.int64s([0, numChannels, grid, patchSize, grid, patchSize])]);
  const patches = b.op('Transpose', [tiles], { perm: onnxAttribute.ints([0, 2, 4, 1, 3, 5]) });
  const rows = b.op('Reshape', [patches, b.int64s([-1, numChannels * patchSize * patchSize])]);
  const weight = { shape: [width, numChannels * patchSize * patchSize], data: kernel.data };
  const embedded = linearNodes(ctx, rows, { name: 'vision_model.embeddings.patch_embedding', weight, bias }).y;
  return b.op('Reshape', [embedded, b.int64s([-1, grid * grid, width])]);
}

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

/** Rows [from, from + count) of a Linear layer, as views (no copy). */
function linearRows(name: string, weight: WeightTensor, bias: WeightTensor, from: number, count: number): LinearLayer {
  const inFeatures = weight.shape[1] ?? 0;
  return {
    name,
    weight: { shape: [count, inFeatures], data: weight.data.subarray(from * inFeatures, (from + count) * inFeatures) },
    bias: { shape: [count], data: bias.data.subarray(from, from + count) },
  };
}

/** The head under `name` (`<name>.probe`, `<name>.attention.in_proj_weight`, `<name>.layernorm`, `<name>.mlp.fc1`, ...). */
export function attentionPoolingWeights(weights: NamedWeights, name: string): AttentionPoolingWeights {
  const inProj = weights.tensor(`${name}.attention.in_proj_weight`);
  const inBias = weights.tensor(`${name}.attention.in_proj_bias`);
  const width = inProj.shape[1] ?? 0;
  return {
    name,
    probe: weights.tensor(`${name}.probe`),
    q: linearRows(`${name}.attention.q_proj`, inProj, inBias, 0, width),
    kv: linearRows(`${name}.attention.kv_proj`, inProj, inBias, width, 2 * width),
    out: weights.linear(`${name}.attention.out_proj`),
    norm: weights.norm(`${name}.layernorm`),
    fc1: weights.linear(`${name}.mlp.fc1`),
    fc2: weights.linear(`${name}.mlp.fc2`),
  };
}

/**
 * The probe's query, (probe W_q^T + b_q) * scale, summed in float64 and rounded once: the same
 * for every input, so it is a constant of the graph rather than a product computed per call.
 */
function projectedQuery(head: AttentionPoolingWeights, scale: number): Float32Array {
  const { weight, bias } = head.q;
  const [outFeatures = 0, inFeatures = 0] = weight.shape;
  const query = new Float32Array(outFeatures);
  for (let o = 0; o < outFeatures; o++) {
    let sum = bias?.data[o] ?? 0;
    for (let i = 0; i < inFeatures; i++) sum += (head.probe.data[i] ?? 0) * (weight.data[o * inFeatures + i] ?? 0);
    query[o] = sum * scale;
  }
  return query;
}

/**
 * Attention pooling of the token rows `rows` [batch * seq, width] (after the tower's final
 * LayerNorm) to one row per sequence, [batch, width]: the probe attends over every position with
 * `tower.numAttentionHeads` heads (no mask), through the output projection, then
 * `x + mlp(layernorm(x))` with `tower.hiddenAct`. Standard ops for the attention with or without
 * `fusedOps` (one query per sequence leaves a fused kernel nothing to fuse); q8 quantizes the
 * key/value projection (it runs over every position), the output projection and the MLP, like an
 * encoder layer's; the projected probe stays a float32 constant.
 */
export function attentionPoolingNodes(ctx: ExportContext, rows: string, head: AttentionPoolingWeights, tower: TowerConfig, shapes: SequenceShapes): string {
  const b = ctx.builder;
  return b.inScope(head.name, () => {
    const { hiddenSize: width, numAttentionHeads: heads } = tower;
    const headDim = width / heads;
    const query = b.initializer(`${head.name}.attention.query_scaled`, [1, heads, 1, headDim], {
      type: 'float32',
      data: projectedQuery(head, 1 / Math.sqrt(headDim)),
    });
    const kv = linearNodes(ctx, rows, head.kv).y;
    const [k = '', v = ''] = b.node('Split', [kv], { axis: onnxAttribute.int(-1) }, { outputs: 2 });
    // [1, heads, 1, headDim] x [batch, heads, headDim, seq] broadcasts to [batch, heads, 1, seq].
    const scores = b.op('MatMul', [query, splitHeadsNodes(b, k, shapes, heads, headDim, true)]);
    const probs = b.op('Softmax', [scores], { axis: onnxAttribute.int(-1) });
    const context = b.op('Reshape', [b.op('MatMul', [probs, splitHeadsNodes(b, v, shapes, heads, headDim)]), b.int64s([0, width])]);
    const attended = linearNodes(ctx, context, head.out).y;
    const normed = addAndNormNodes(ctx, { base: attended }, head.norm, tower.layerNormEps).normed;
    const mlp = mlpNodes(ctx, normed, head, tower.hiddenAct);
    const delta = mlp.bias === undefined ? mlp.y : b.op('Add', [mlp.y, mlp.bias]);
    return b.op('Add', [attended, delta]);
  });
}
