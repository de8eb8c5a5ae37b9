import type { WeightTensor } from '../model/weightMap.js';
import type { ExportContext } from './exportContext.js';
import { quantizeLinearWeight } from './quantizeLinearWeight.js';
import { transposeMatrix } from './transposeMatrix.js';

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
