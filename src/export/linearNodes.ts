import { ModelLoadError } from '../errors/errors.js';
import type { WeightMap, WeightTensor } from '../model/weightMap.js';
import { transposeMatrix, type ExportContext } from './OnnxGraphBuilder.js';
import { quantizeLinearWeight } from './quantization.js';

/**
 * Linear layers of a checkpoint as graph nodes: the lookups that group Hugging Face-named tensors
 * into layers, several layers stacked into one product, and the fp32 or q8 Linear node itself.
 */

/** A Linear layer as plain data: HF layout, weight [out, in], bias [out] or none. */
export interface LinearLayer {
  /** Initializer name prefix, e.g. `vision_model.encoder.layers.0.mlp.fc1`. */
  readonly name: string;
  readonly weight: WeightTensor;
  readonly bias?: WeightTensor | undefined;
}

/** A Linear layer's output, and its bias when that was left for the consumer to add. */
export interface LinearOutput {
  readonly y: string;
  /** Set only when `deferBias` was asked for and the product does not include the bias. */
  readonly bias?: string | undefined;
}

/** A LayerNorm's parameters under its HF name prefix (`.weight` = gamma, `.bias` = beta). */
export interface NormLayer {
  readonly name: string;
  readonly gamma: WeightTensor;
  readonly beta: WeightTensor;
}

/** Lookups of HF-named tensors, grouped the way the graph builders use them. */
export interface NamedWeights {
  tensor(name: string): WeightTensor;
  norm(name: string): NormLayer;
  /** `<name>.weight` [out, in] and, unless `withBias` is false, `<name>.bias`. */
  linear(name: string, withBias?: boolean): LinearLayer;
}

/**
 * Lookups into `weights`. The loader has checked every name and shape against the config,
 * so a miss means the weights did not come through loadModel; it still fails clearly.
 */
export function namedWeights(weights: WeightMap): NamedWeights {
  const tensor = (name: string): WeightTensor => {
    const found = weights.get(name);
    if (found === undefined) throw new ModelLoadError(`Cannot export to ONNX: the weights have no tensor '${name}'`, name);
    return found;
  };
  return {
    tensor,
    norm: (name) => ({ name, gamma: tensor(`${name}.weight`), beta: tensor(`${name}.bias`) }),
    linear: (name, withBias = true) => ({ name, weight: tensor(`${name}.weight`), bias: withBias ? tensor(`${name}.bias`) : undefined }),
  };
}

/**
 * Several Linear layers over the same input as one (their output rows one after another), so
 * one matrix product computes them all: q/k/v -> qkv [3w, w]. `scales[i]` multiplies layer i's
 * weight and bias (the attention scale 1/sqrt(headDim) folded into q; a power of two for CLIP's
 * head sizes, so exact).
 */
export function stackLinearLayers(name: string, layers: readonly LinearLayer[], scales: readonly number[] = []): LinearLayer {
  const inFeatures = layers[0]?.weight.shape[1] ?? 0;
  const outFeatures = layers.reduce((sum, layer) => sum + (layer.weight.shape[0] ?? 0), 0);
  const weight = new Float32Array(outFeatures * inFeatures);
  const bias = new Float32Array(outFeatures);
  let row = 0;
  layers.forEach((layer, i) => {
    const scale = scales[i] ?? 1;
    const rows = layer.weight.shape[0] ?? 0;
    weight.set(scale === 1 ? layer.weight.data : layer.weight.data.map((w) => w * scale), row * inFeatures);
    if (layer.bias !== undefined) bias.set(scale === 1 ? layer.bias.data : layer.bias.data.map((w) => w * scale), row);
    row += rows;
  });
  return { name, weight: { shape: [outFeatures, inFeatures], data: weight }, bias: { shape: [outFeatures], data: bias } };
}

/**
 * `x @ W^T + b` for rows `x` [rows, in] (2D) -> [rows, out]. fp32: `Gemm` with the transposed
 * weight and the bias (one kernel: MLAS starts the product from the broadcast bias), or `MatMul`
 * for a layer without one. q8: `com.microsoft.DynamicQuantizeMatMul`, which quantizes `x` to
 * uint8 per call, multiplies by the int8 weight (per-output-channel scales, zero point 0) and
 * adds the bias in float.
 * @param deferBias leave an fp32 bias to the consumer (a fused op that adds it for free).
 */
export function linearNodes(ctx: ExportContext, x: string, layer: LinearLayer, deferBias = false): LinearOutput {
  const b = ctx.builder;
  const [outFeatures = 0, inFeatures = 0] = layer.weight.shape;
  const bias = layer.bias === undefined ? undefined : b.initializer(`${layer.name}.bias`, [outFeatures], { type: 'float32', data: layer.bias.data });
  if (ctx.precision === 'q8') {
    const q = quantizeLinearWeight(layer.weight, ctx.weightLimit);
    const weight = b.initializer(`${layer.name}.weight_int8`, [inFeatures, outFeatures], { type: 'int8', data: q.values });
    const scale = b.initializer(`${layer.name}.weight_scale`, [outFeatures], { type: 'float32', data: q.scales });
    return { y: b.op('DynamicQuantizeMatMul', [x, weight, scale, '', ...(bias === undefined ? [] : [bias])], {}, 'com.microsoft') };
  }
  const weight = b.initializer(`${layer.name}.weight_t`, [inFeatures, outFeatures], {
    type: 'float32',
    data: transposeMatrix(layer.weight.data, outFeatures, inFeatures),
  });
  if (bias === undefined) return { y: b.op('MatMul', [x, weight]) };
  return deferBias ? { y: b.op('MatMul', [x, weight]), bias } : { y: b.op('Gemm', [x, weight, bias]) };
}

/** The tensors of one `CLIPEncoderLayer`, q/k/v kept apart (subgraphs stack them as they need). */
export interface EncoderLayerWeights {
  readonly name: string;
  readonly norm1: NormLayer;
  readonly q: LinearLayer;
  readonly k: LinearLayer;
  readonly v: LinearLayer;
  readonly out: LinearLayer;
  readonly norm2: NormLayer;
  readonly fc1: LinearLayer;
  readonly fc2: LinearLayer;
}
