import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { DecodedImage } from './decodedImage.js';
import { preprocessGeometry } from './preprocessGeometry.js';
import { preprocessInto } from './preprocessInto.js';

/**
 * An image as the model's `pixel_values`: [3, cropHeight, cropWidth] CHW float32, normalised,
 * matching OpenAI CLIP's `_transform` on the same PNG to float32 rounding (see `preprocessInto`).
 * With center cropping off the shape is [3, resizedHeight, resizedWidth].
 */
export function preprocessImage(image: DecodedImage, config: PreprocessorConfig): Float32Array {
  const { outputWidth, outputHeight } = preprocessGeometry(image.width, image.height, config);
  const out = new Float32Array(3 * outputWidth * outputHeight);
  preprocessInto(image, config, out, 0);
  return out;
}
