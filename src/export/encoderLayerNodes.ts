import type { TowerConfig } from '../model/clipConfig.js';
import { addAndNormNodes, type NormedResidual, type PendingResidual } from './addAndNormNodes.js';
import type { ExportContext } from './exportContext.js';
import { mlpNodes } from './mlpNodes.js';
import { selfAttentionNodes, type SequenceLayout } from './selfAttentionNodes.js';
import type { EncoderLayerWeights } from './encoderLayerWeights.js';

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
