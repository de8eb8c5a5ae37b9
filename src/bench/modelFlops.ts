import type { TowerConfig } from '../model/towerConfig.js';
import type { ModelConfig } from '../families/modelFamily.js';

/** FLOPs (2 per multiply-add) of one transformer tower over `tokens` positions. */
function towerFlops(t: TowerConfig, tokens: number): number {
  const d = t.hiddenSize;
  const perLayer = 2 * tokens * d * (3 * d + d + 2 * t.intermediateSize) + 2 * 2 * tokens * tokens * d;
  return t.numHiddenLayers * perLayer;
}

/**
 * FLOPs to embed one image: patch embedding, transformer, then CLIP's projection (one class
 * token more) or SigLIP's attention-pooling head (k/v over the patches, one query, MLP)
 * (ViT-B/32 CLIP: ~8.8 G).
 */
export function imageFlops(config: ModelConfig): number {
  const v = config.vision;
  const d = v.hiddenSize;
  const patches = (v.imageSize / v.patchSize) ** 2;
  const patchEmbedding = 2 * patches * v.numChannels * v.patchSize * v.patchSize * d;
  if (config.family === 'clip') return patchEmbedding + towerFlops(v, patches + 1) + 2 * d * config.projectionDim;
  const head = 2 * patches * d * 2 * d + 2 * 2 * patches * d + 2 * d * (2 * d + 2 * v.intermediateSize);
  return patchEmbedding + towerFlops(v, patches) + head;
}

/** FLOPs to embed one text of `tokens` positions (SigLIP always runs its full context). */
export function textFlops(config: ModelConfig, tokens: number): number {
  const positions = config.family === 'clip' ? tokens : config.text.maxPositionEmbeddings;
  return towerFlops(config.text, positions) + 2 * config.text.hiddenSize * config.projectionDim;
}
