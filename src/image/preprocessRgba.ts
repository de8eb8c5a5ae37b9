import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { fromRgba } from './fromRgba.js';
import { preprocessImage } from './preprocessImage.js';
import type { RgbaImage } from './rgbaImage.js';

/** `preprocessImage` for an RGBA raster (a rendered attack image), treated as a Pillow RGBA image. */
export function preprocessRgba(image: RgbaImage, config: PreprocessorConfig): Float32Array {
  return preprocessImage(fromRgba(image), config);
}
