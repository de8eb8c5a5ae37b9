import type { TowerConfig } from '../model/clipConfig.js';
import { addAndNormNodes, type PendingResidual } from './addAndNormNodes.js';
import { encoderLayerNodes } from './encoderLayerNodes.js';
import type { ExportContext } from './exportContext.js';
import { pooledLayerNodes, type Pooling } from './pooledLayerNodes.js';
import type { SequenceLayout } from './selfAttentionNodes.js';
import type { EncoderLayerWeights } from './encoderLayerWeights.js';

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
