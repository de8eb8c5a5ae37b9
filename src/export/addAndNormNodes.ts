import type { ExportContext } from './exportContext.js';
import { onnxAttribute } from './onnxAttribute.js';
import type { NormLayer } from './namedWeights.js';

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
