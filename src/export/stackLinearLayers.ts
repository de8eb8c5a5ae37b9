import type { LinearLayer } from './linearNodes.js';

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
