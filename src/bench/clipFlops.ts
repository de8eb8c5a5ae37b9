import type { ClipConfig, TowerConfig } from '../model/clipConfig.js';

/** FLOPs (2 per multiply-add) of one transformer tower over `tokens` positions. */
function towerFlops(t: TowerConfig, tokens: number): number {
  const d = t.hiddenSize;
  const perLayer = 2 * tokens * d * (3 * d + d + 2 * t.intermediateSize) + 2 * 2 * tokens * tokens * d;
  return t.numHiddenLayers * perLayer;
}

/** FLOPs to embed one image: patch embedding, transformer, projection (ViT-B/32: ~8.8 G). */
export function imageFlops(config: ClipConfig): number {
  const v = config.vision;
  const patches = (v.imageSize / v.patchSize) ** 2;
  const patchEmbedding = 2 * patches * v.numChannels * v.patchSize * v.patchSize * v.hiddenSize;
  return patchEmbedding + towerFlops(v, patches + 1) + 2 * v.hiddenSize * config.projectionDim;
}

/** FLOPs to embed one text of `tokens` positions (sot .. eot). */
export function textFlops(config: ClipConfig, tokens: number): number {
  return towerFlops(config.text, tokens) + 2 * config.text.hiddenSize * config.projectionDim;
}
