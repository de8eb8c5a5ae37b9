import type { HiddenAct, TowerConfig } from '../model/towerConfig.js';
import { linearNodes, stackLinearLayers, type EncoderLayerWeights, type LinearOutput, type NamedWeights, type NormLayer } from './linearNodes.js';
import { onnxAttribute, type ExportContext, type OnnxGraphBuilder } from './OnnxGraphBuilder.js';
import { selfAttentionNodes, splitHeadsNodes, type SequenceLayout, type SequenceShapes } from './selfAttentionNodes.js';

/**
 * A tower's transformer encoder as graph nodes: the weights of a layer, one pre-norm layer
 * (attention, the residual sums with their LayerNorms, the MLP and its activation), the last layer
 * computed at the pooled row only, and the stack of layers.
 */

/**
 * A residual sum not yet computed: `base + delta (+ bias)`. Every residual sum in CLIP is
 * followed by a LayerNorm, so the two are built together (one fused op where allowed).
 */
export interface PendingResidual {
  readonly base: string;
  /** Absent for the stream's first value, which needs only the norm. */
  readonly delta?: string | undefined;
  /** A bias the producer of `delta` left out for the fused op to add. */
  readonly bias?: string | undefined;
}

/** The residual stream after the sum, and its LayerNorm. */
export interface NormedResidual {
  readonly sum: string;
  readonly normed: string;
}

/** Which row of each sequence the tower's output is read from. */
export interface Pooling {
  /** Token rows [batch * seq, width] -> [batch, width]: the pooled row of each sequence. */
  readonly pool: (value: string) => string;
  /** Additive [batch, 1, 1, seq] mask hiding the keys the pooled row must not see (text: later ones). */
  readonly keyMask?: string | undefined;
}

/** The layers of `<tower>.encoder.layers.*` in order, e.g. tower `vision_model`. */
export function encoderLayerWeights(weights: NamedWeights, tower: string, count: number): EncoderLayerWeights[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${tower}.encoder.layers.${i}`;
    return {
      name,
      norm1: weights.norm(`${name}.layer_norm1`),
      q: weights.linear(`${name}.self_attn.q_proj`),
      k: weights.linear(`${name}.self_attn.k_proj`),
      v: weights.linear(`${name}.self_attn.v_proj`),
      out: weights.linear(`${name}.self_attn.out_proj`),
      norm2: weights.norm(`${name}.layer_norm2`),
      fc1: weights.linear(`${name}.mlp.fc1`),
      fc2: weights.linear(`${name}.mlp.fc2`),
    };
  });
}

/**
 * The MLP activation `hiddenAct` of `x + bias` (bias: an initializer name, or undefined when
 * `x` already includes it). Fused ops: `com.microsoft` BiasGelu (erf gelu), FastGelu (tanh
 * gelu), QuickGelu; else the formulas in standard ops:
 * - quick_gelu: x * sigmoid(1.702 x)
 * - gelu: 0.5 x (1 + erf(x / sqrt 2))
 * - gelu_new, gelu_pytorch_tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
 * - relu: max(x, 0)
 */
export function activationNodes(ctx: ExportContext, x: string, act: HiddenAct, bias: string | undefined): string {
  const b = ctx.builder;
  const ms = 'com.microsoft';
  if (ctx.fusedOps) {
    switch (act) {
      case 'gelu':
        return bias === undefined ? b.op('Gelu', [x], {}, ms) : b.op('BiasGelu', [x, bias], {}, ms);
      case 'gelu_new':
      case 'gelu_pytorch_tanh':
        return b.op('FastGelu', bias === undefined ? [x] : [x, bias], {}, ms);
      case 'quick_gelu':
        return b.op('QuickGelu', [bias === undefined ? x : b.op('Add', [x, bias])], { alpha: onnxAttribute.float(1.702) }, ms);
      case 'relu':
        break;
    }
  }
  const input = bias === undefined ? x : b.op('Add', [x, bias]);
  const scalar = (value: number) => b.float32s([value], []);
  switch (act) {
    case 'quick_gelu':
      return b.op('Mul', [input, b.op('Sigmoid', [b.op('Mul', [input, scalar(1.702)])])]);
    case 'gelu': {
      const erf = b.op('Erf', [b.op('Mul', [input, scalar(Math.SQRT1_2)])]);
      return b.op('Mul', [b.op('Mul', [input, scalar(0.5)]), b.op('Add', [erf, scalar(1)])]);
    }
    case 'gelu_new':
    case 'gelu_pytorch_tanh': {
      const cube = b.op('Mul', [b.op('Mul', [input, input]), input]);
      const inner = b.op('Mul', [b.op('Add', [input, b.op('Mul', [cube, scalar(0.044715)])]), scalar(Math.sqrt(2 / Math.PI))]);
      return b.op('Mul', [b.op('Mul', [input, scalar(0.5)]), b.op('Add', [b.op('Tanh', [inner]), scalar(1)])]);
    }
    case 'relu':
      return b.op('Relu', [input]);
  }
}

/**
 * The block's MLP, fc2(act(fc1(h))). With fused ops fc1's bias goes into the activation op and
 * fc2's is returned for the consumer to add (the SkipLayerNormalization that follows).
 * @param layer an encoder layer, or any pair of Linear layers shaped like one (SigLIP's pooling head).
 */
export function mlpNodes(ctx: ExportContext, h: string, layer: Pick<EncoderLayerWeights, 'fc1' | 'fc2'>, act: HiddenAct): LinearOutput {
  const hidden = linearNodes(ctx, h, layer.fc1, ctx.fusedOps);
  return linearNodes(ctx, activationNodes(ctx, hidden.y, act, hidden.bias), layer.fc2, ctx.fusedOps);
}

/**
 * Computes the pending sum and its LayerNorm (over the last axis). With fused ops:
 * `com.microsoft.SkipLayerNormalization`, which returns both; else `Add` + `LayerNormalization`.
 */
export function addAndNormNodes(ctx: ExportContext, pending: PendingResidual, norm: NormLayer, epsilon: number): NormedResidual {
  const b = ctx.builder;
  const width = norm.gamma.data.length;
  const gamma = b.initializer(`${norm.name}.weight`, [width], { type: 'float32', data: norm.gamma.data });
  const beta = b.initializer(`${norm.name}.bias`, [width], { type: 'float32', data: norm.beta.data });
  if (pending.delta !== undefined && ctx.fusedOps) {
    const [normed = '', , , sum = ''] = b.node(
      'SkipLayerNormalization',
      [pending.delta, pending.base, gamma, beta, ...(pending.bias === undefined ? [] : [pending.bias])],
      { epsilon: onnxAttribute.float(epsilon) },
      { domain: 'com.microsoft', outputs: 4, unusedOutputs: [1, 2] },
    );
    return { sum, normed };
  }
  let sum = pending.base;
  if (pending.delta !== undefined) {
    const delta = pending.bias === undefined ? pending.delta : b.op('Add', [pending.delta, pending.bias]);
    sum = b.op('Add', [pending.base, delta]);
  }
  const normed = b.op('LayerNormalization', [sum, gamma, beta], { axis: onnxAttribute.int(-1), epsilon: onnxAttribute.float(epsilon) });
  return { sum, normed };
}

/**
 * One pre-norm `CLIPEncoderLayer` over the token rows [batch * seq, width]: x + attn(ln1(x)),
 * then + mlp(ln2(.)). Takes the stream with its ln1 already applied (the previous block's last
 * sum and the norm are built together) and returns its own last sum still pending.
 */
export function encoderLayerNodes(
  ctx: ExportContext,
  stream: NormedResidual,
  layer: EncoderLayerWeights,
  tower: TowerConfig,
  layout: SequenceLayout,
): PendingResidual {
  return ctx.builder.inScope(layer.name, () => {
    const attention = selfAttentionNodes(ctx, stream.normed, layer, tower.numAttentionHeads, layout);
    const afterAttention = addAndNormNodes(ctx, { base: stream.sum, delta: attention.y, bias: attention.bias }, layer.norm2, tower.layerNormEps);
    const mlp = mlpNodes(ctx, afterAttention.normed, layer, tower.hiddenAct);
    return { base: afterAttention.sum, delta: mlp.y, bias: mlp.bias };
  });
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

/**
 * A tower's transformer: the layers over the residual stream `x`, token rows [batch * seq, width].
 * With `pooling`, the last layer runs on the pooled rows only and the final residual sum, pending,
 * is [batch, width]; without it (a head that reads every position, as SigLIP's attention pooling
 * does), every layer runs on every row and the pending sum is [batch * seq, width].
 */
export function encoderStackNodes(
  ctx: ExportContext,
  x: string,
  layers: readonly EncoderLayerWeights[],
  tower: TowerConfig,
  layout: SequenceLayout,
  pooling?: Pooling,
): PendingResidual {
  const last = layers[layers.length - 1];
  if (last === undefined) throw new RangeError('Cannot export a transformer tower with no layers');
  let stream = addAndNormNodes(ctx, { base: x }, layers[0]!.norm1, tower.layerNormEps);
  for (let i = 0; i < layers.length - 1; i++) {
    const pending = encoderLayerNodes(ctx, stream, layers[i]!, tower, layout);
    stream = addAndNormNodes(ctx, pending, layers[i + 1]!.norm1, tower.layerNormEps);
  }
  if (pooling === undefined) return encoderLayerNodes(ctx, stream, last, tower, layout);
  return pooledLayerNodes(ctx, stream, last, tower, layout.shapes, pooling);
}
