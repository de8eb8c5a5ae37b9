import { ConfigError } from '../errors/errors.js';
import { premultiplyAlpha, unpremultiplyAlpha } from './convertImage.js';
import { channelCount, type DecodedImage } from './decodedImage.js';
import { resampleCoefficients, resampleFilters, sliceCoefficients } from './resampleCoefficients.js';
import { resampleHorizontal, resampleVertical } from './resamplePasses.js';

/** A rectangle of pixels: columns [left, left + width), rows [top, top + height). */
export interface PixelRegion {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** PIL filter id 3: Pillow's (and CLIP's) bicubic. */
export const bicubic = 3;

export interface ResizeOptions {
  /** PIL filter id: 0 nearest, 1 lanczos, 2 bilinear, 3 bicubic (default), 4 box, 5 hamming. */
  readonly resample?: number;
  /**
   * Compute only this part of the resized image (default: all of it); must lie inside
   * width x height. Every output pixel is computed independently, so a region is exactly the
   * same pixels as resizing everything and cropping - without the work outside it.
   */
  readonly region?: PixelRegion;
}

/**
 * A width x height window of the image starting at (left, top), in the image's own mode;
 * parts outside the image are zero bytes (as torchvision pads with fill 0: black for L/RGB,
 * transparent black for LA/RGBA, palette index 0 for P, no ink = white for CMYK).
 */
export function cropImage(image: DecodedImage, left: number, top: number, width: number, height: number): DecodedImage {
  if (left === 0 && top === 0 && width === image.width && height === image.height) return image;
  const channels = channelCount[image.mode];
  const data = new Uint8Array(width * height * channels);
  const x0 = Math.max(left, 0);
  const x1 = Math.min(left + width, image.width);
  if (x1 > x0) {
    for (let y = Math.max(top, 0); y < Math.min(top + height, image.height); y++) {
      const from = (y * image.width + x0) * channels;
      data.set(image.data.subarray(from, from + (x1 - x0) * channels), ((y - top) * width + (x0 - left)) * channels);
    }
  }
  return { ...image, width, height, data };
}

/**
 * Source index per output pixel along one axis, as Pillow's ImagingScaleAffine computes it:
 * position starts at scale / 2 and accumulates `+= scale` in double precision, then truncates;
 * -1 marks a position outside the source.
 */
function nearestIndices(inSize: number, outSize: number): Int32Array {
  const scale = inSize / outSize;
  const indices = new Int32Array(outSize);
  let position = scale * 0.5;
  for (let i = 0; i < outSize; i++) {
    const index = position < 0 ? -1 : Math.trunc(position);
    indices[i] = index < inSize ? index : -1;
    position += scale;
  }
  return indices;
}

/**
 * Pillow's NEAREST resize to width x height (used for every P image), computing only `region`
 * of the result: copies whole pixels; positions outside the source are 0.
 */
export function resizeNearest(image: DecodedImage, width: number, height: number, region: PixelRegion): DecodedImage {
  const channels = channelCount[image.mode];
  const xs = nearestIndices(image.width, width).subarray(region.left, region.left + region.width);
  const ys = nearestIndices(image.height, height).subarray(region.top, region.top + region.height);
  const data = new Uint8Array(region.width * region.height * channels);
  for (let y = 0; y < region.height; y++) {
    const sy = ys[y]!;
    if (sy < 0) continue;
    for (let x = 0; x < region.width; x++) {
      const sx = xs[x]!;
      if (sx < 0) continue;
      const from = (sy * image.width + sx) * channels;
      data.set(image.data.subarray(from, from + channels), (y * region.width + x) * channels);
    }
  }
  return { ...image, width: region.width, height: region.height, data };
}

/**
 * Pillow's `Image.resize((width, height), resample)`, bit for bit (optionally just a region of the result):
 * - same size: unchanged (Pillow returns a copy);
 * - P images and resample 0: nearest neighbour (Pillow forces NEAREST for P);
 * - otherwise a separable fixed-point convolution, horizontal pass first (only over the rows
 *   the vertical pass needs), each pass rounding to 8 bits, a pass skipped when its axis keeps
 *   its size; LA and RGBA are resized premultiplied (-> La/RGBa -> resize -> back), as Pillow does.
 * Returns an image of the region's size.
 */
export function pillowResize(image: DecodedImage, width: number, height: number, options: ResizeOptions = {}): DecodedImage {
  const { resample = bicubic, region = { left: 0, top: 0, width, height } } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`resize target must be positive integers, got ${width}x${height}`);
  }
  const { left, top } = region;
  if (left < 0 || top < 0 || region.width < 1 || region.height < 1 || left + region.width > width || top + region.height > height) {
    throw new RangeError(`resize region ${JSON.stringify(region)} is not inside ${width}x${height}`);
  }
  if (width === image.width && height === image.height) {
    return cropImage(image, region.left, region.top, region.width, region.height);
  }
  if (image.mode === 'P' || resample === 0) return resizeNearest(image, width, height, region);
  const filter = resampleFilters[resample];
  if (filter === undefined) {
    throw new ConfigError(
      `Unknown resample filter ${resample}. Valid PIL filter ids: 0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming.`,
    );
  }

  const channels = channelCount[image.mode];
  const hasAlpha = image.mode === 'LA' || image.mode === 'RGBA';
  const source: DecodedImage = hasAlpha ? { ...image, data: premultiplyAlpha(image.data, channels) } : image;
  const vertical =
    height !== image.height
      ? sliceCoefficients(resampleCoefficients(image.height, height, filter), region.top, region.height)
      : undefined;
  // Source rows the vertical pass reads (or the region's rows when there is no vertical pass).
  const last = (region.height - 1) * 2;
  const firstRow = vertical ? vertical.bounds[0]! : region.top;
  const rows = (vertical ? vertical.bounds[last]! + vertical.bounds[last + 1]! : region.top + region.height) - firstRow;

  let data: Uint8Array;
  if (width !== image.width) {
    const horizontal = sliceCoefficients(resampleCoefficients(image.width, width, filter), region.left, region.width);
    data = resampleHorizontal(source.data, image.width, channels, firstRow, rows, horizontal);
  } else {
    data = cropImage(source, region.left, firstRow, region.width, rows).data;
  }
  if (vertical) data = resampleVertical(data, region.width, channels, firstRow, vertical);
  if (hasAlpha) unpremultiplyAlpha(data, channels); // never image.data: premultiplying copied it
  return { ...image, width: region.width, height: region.height, data };
}
