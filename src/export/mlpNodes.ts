import type { HiddenAct } from '../model/clipConfig.js';
import { activationNodes } from './activationNodes.js';
import type { ExportContext } from './exportContext.js';
import { linearNodes, type LinearOutput } from './linearNodes.js';
import type { EncoderLayerWeights } from './encoderLayerWeights.js';

/**
 * The block's MLP, fc2(act(fc1(h))). With fused ops fc1's bias goes into the activation op and
 * fc2's is returned for the consumer to add (the SkipLayerNormalization that follows).
 * @param layer an encoder layer, or any pair of Linear layers shaped like one (SigLIP's pooling head).
 */
export function mlpNodes(ctx: ExportContext, h: string, layer: Pick<EncoderLayerWeights, 'fc1' | 'fc2'>, act: HiddenAct): LinearOutput {
  const hidden = linearNodes(ctx, h, layer.fc1, ctx.fusedOps);
  return linearNodes(ctx, activationNodes(ctx, hidden.y, act, hidden.bias), layer.fc2, ctx.fusedOps);
}
