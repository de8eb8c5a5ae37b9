import type { ClipConfig } from '../model/clipConfig.js';
import { expectedClipWeightShapes } from '../model/expectedClipWeightShapes.js';
import type { WeightPrecision } from './exportContext.js';

/** Which checkpoint tensors each exported tower stores. */
const towerPrefixes = {
  vision: ['vision_model.', 'visual_projection.'],
  text: ['text_model.', 'text_projection.'],
} as const;

/**
 * Bytes of weights one exported tower will hold, from the config alone (so a model too large
 * for one ONNX file is refused before any work): float32 everywhere, except that q8 stores the
 * encoder's Linear weights (and the patch embedding) as one byte per value.
 */
export function towerWeightBytes(config: ClipConfig, tower: 'vision' | 'text', precision: WeightPrecision): number {
  let bytes = 0;
  for (const [name, shape] of expectedClipWeightShapes(config)) {
    if (!towerPrefixes[tower].some((prefix) => name.startsWith(prefix))) continue;
    const values = shape.reduce((a, b) => a * b, 1);
    const quantized = precision === 'q8' && name.endsWith('.weight') && (name.includes('.encoder.layers.') || name.includes('patch_embedding')) && shape.length > 1;
    bytes += quantized ? values : 4 * values;
  }
  return bytes;
}
