import type { VisionConfig } from '../model/clipConfig.js';
import type { WeightTensor } from '../model/weightMap.js';
import type { ExportContext } from './exportContext.js';
import { linearNodes } from './linearNodes.js';
import { onnxAttribute } from './onnxAttribute.js';

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
