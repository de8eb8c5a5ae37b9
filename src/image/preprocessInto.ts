import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { convertToRgb } from './convert/convertToRgb.js';
import type { DecodedImage } from './decodedImage.js';
import { pillowResize } from './pillowResize.js';
import { cropImage } from './preprocess/cropImage.js';
import { normalizationTable } from './preprocess/normalizationTable.js';
import { normalizeIntoPlanes } from './preprocess/normalizeIntoPlanes.js';
import { preprocessGeometry, type PreprocessGeometry } from './preprocessGeometry.js';

/** Pillow's convert('RGB') as an image, for references that convert before resizing. */
function asRgb(image: DecodedImage): DecodedImage {
  return image.mode === 'RGB' ? image : { width: image.width, height: image.height, mode: 'RGB', data: convertToRgb(image) };
}

/**
 * Preprocesses one image into `out` at element `offset` (for batching): [3, H, W] CHW float32,
 * H x W = the crop size (or the resized size without a crop). OpenAI CLIP's `_transform` with the
 * config's sizes and statistics: Pillow resize in the image's own mode, center crop (zero-padded
 * if needed), convert('RGB'), ToTensor, Normalize. With `convertRgb: beforeResize` (transformers'
 * processors, e.g. SigLIP) the image becomes RGB first. Writes 3 * H * W floats; returns the
 * geometry used.
 */
export function preprocessInto(
  source: DecodedImage,
  config: PreprocessorConfig,
  out: Float32Array,
  offset: number,
): PreprocessGeometry {
  const image = config.convertRgb === 'beforeResize' ? asRgb(source) : source;
  const geometry = preprocessGeometry(image.width, image.height, config);
  const { outputWidth: width, outputHeight: height } = geometry;
  const plane = width * height;
  if (!Number.isInteger(offset) || offset < 0 || offset + 3 * plane > out.length) {
    throw new RangeError(`preprocessInto: ${3 * plane} floats at offset ${offset} do not fit an array of ${out.length}`);
  }
  // Resize only the part of the image the crop keeps (the same pixels, less work), then pad.
  const left = Math.max(geometry.cropLeft, 0);
  const top = Math.max(geometry.cropTop, 0);
  const region = {
    left,
    top,
    width: Math.min(geometry.cropLeft + width, geometry.resizedWidth) - left,
    height: Math.min(geometry.cropTop + height, geometry.resizedHeight) - top,
  };
  const resized = config.doResize
    ? pillowResize(image, geometry.resizedWidth, geometry.resizedHeight, { resample: config.resample, region })
    : cropImage(image, region.left, region.top, region.width, region.height);
  normalizeIntoPlanes(cropImage(resized, geometry.cropLeft - left, geometry.cropTop - top, width, height), normalizationTable(config), out, offset);
  return geometry;
}
