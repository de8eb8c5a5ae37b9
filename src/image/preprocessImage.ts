import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { convertToRgb, fromRgba } from './convertImage.js';
import type { DecodedImage } from './decodedImage.js';
import { cropImage, pillowResize } from './pillowResize.js';
import type { RgbaImage } from './rgbaImage.js';

/**
 * Image preprocessing for CLIP-style models, read from the model's preprocessor config: the
 * resize and center-crop geometry, Pillow's resize in the image's own mode, convert('RGB'),
 * then rescale and normalise into CHW float32 planes - OpenAI CLIP's `_transform`, or
 * transformers' processors (SigLIP), to float32 rounding.
 */

/** Where an image's pixels go during preprocessing, in pixels. Plain data, for reports and tests. */
export interface PreprocessGeometry {
  /** Size after resizing (the input size when resizing is off or a no-op). */
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  /** Top-left of the output window in the resized image; negative where the crop is zero-padded. */
  readonly cropLeft: number;
  readonly cropTop: number;
  /** Output size: the crop size, or the resized size when center cropping is off. */
  readonly outputWidth: number;
  readonly outputHeight: number;
}

/** Python 3's round(x) for a float: to the nearest integer, ties to the even one (10.5 -> 10, 9.5 -> 10). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The crop window start along one axis, as torchvision's `center_crop`: when the crop is larger
 * than the image it pads (crop - size) // 2 before (zeros), otherwise it starts at
 * int(round((size - crop) / 2)) with Python's half-to-even rounding.
 */
function cropStart(size: number, crop: number): number {
  return crop > size ? -Math.floor((crop - size) / 2) : roundHalfEven((size - crop) / 2);
}

/**
 * The preprocessing geometry with sizes from the config: OpenAI CLIP's `_transform`, torchvision
 * `Resize(shortestEdge)` (short side -> shortestEdge, long side -> int(shortestEdge * long / short),
 * truncated), then `CenterCrop(cropHeight, cropWidth)`; or, for resizeMode `exact` (SigLIP),
 * a resize to resizeWidth x resizeHeight whatever the aspect ratio.
 */
export function preprocessGeometry(width: number, height: number, config: PreprocessorConfig): PreprocessGeometry {
  let resizedWidth = width;
  let resizedHeight = height;
  if (config.doResize && config.resizeMode === 'exact') {
    resizedWidth = config.resizeWidth;
    resizedHeight = config.resizeHeight;
  } else if (config.doResize) {
    const edge = config.shortestEdge;
    const long = Math.trunc((edge * Math.max(width, height)) / Math.min(width, height));
    resizedWidth = width <= height ? edge : long;
    resizedHeight = width <= height ? long : edge;
  }
  if (!config.doCenterCrop) {
    return { resizedWidth, resizedHeight, cropLeft: 0, cropTop: 0, outputWidth: resizedWidth, outputHeight: resizedHeight };
  }
  return {
    resizedWidth,
    resizedHeight,
    cropLeft: cropStart(resizedWidth, config.cropWidth),
    cropTop: cropStart(resizedHeight, config.cropHeight),
    outputWidth: config.cropWidth,
    outputHeight: config.cropHeight,
  };
}

const normalizationTables = new WeakMap<PreprocessorConfig, Float32Array>();

/**
 * The float32 value of every 8-bit level in every channel after rescaling and normalising,
 * as 3 x 256 entries (channel-major). Computed with torchvision's float32 arithmetic:
 * x = fround(v * rescaleFactor) (for 1/255 this equals ToTensor's fround(v / 255) for all v),
 * then Normalize's fround(fround(x - mean32) / std32) with mean and std rounded to float32.
 */
export function normalizationTable(config: PreprocessorConfig): Float32Array {
  const cached = normalizationTables.get(config);
  if (cached) return cached;
  const table = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) {
    const mean = Math.fround(config.imageMean[c]!);
    const std = Math.fround(config.imageStd[c]!);
    for (let v = 0; v < 256; v++) {
      let x = config.doRescale ? Math.fround(v * config.rescaleFactor) : v;
      if (config.doNormalize) x = Math.fround(Math.fround(x - mean) / std);
      table[c * 256 + v] = x;
    }
  }
  normalizationTables.set(config, table);
  return table;
}

/**
 * Writes `image` as three channel planes (CHW) into `out` at `offset`, each 8-bit level looked
 * up in `table` (3 x 256 floats, see normalizationTable). The RGB channels are Pillow's
 * convert('RGB'): RGB and RGBA images (alpha dropped) are read in place, every other mode goes
 * through convertToRgb first, whose copy costs as much again.
 */
export function normalizeIntoPlanes(image: DecodedImage, table: Float32Array, out: Float32Array, offset: number): void {
  const plane = image.width * image.height;
  const stride = image.mode === 'RGB' ? 3 : image.mode === 'RGBA' ? 4 : 3;
  const rgb = image.mode === 'RGB' || image.mode === 'RGBA' ? image.data : convertToRgb(image);
  const red = offset;
  const green = offset + plane;
  const blue = offset + 2 * plane;
  for (let i = 0, s = 0; i < plane; i++, s += stride) {
    out[red + i] = table[rgb[s]!]!;
    out[green + i] = table[256 + rgb[s + 1]!]!;
    out[blue + i] = table[512 + rgb[s + 2]!]!;
  }
}

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

/** `preprocessImage` for an RGBA raster (a rendered attack image), treated as a Pillow RGBA image. */
export function preprocessRgba(image: RgbaImage, config: PreprocessorConfig): Float32Array {
  return preprocessImage(fromRgba(image), config);
}
