import { ConfigError } from '../errors/ConfigError.js';
import { premultiplyAlpha } from './convert/premultiplyAlpha.js';
import { unpremultiplyAlpha } from './convert/unpremultiplyAlpha.js';
import { channelCount, type DecodedImage } from './decodedImage.js';
import type { PixelRegion } from './pixelRegion.js';
import { cropImage } from './preprocess/cropImage.js';
import { resampleCoefficients } from './resample/resampleCoefficients.js';
import { resampleFilters } from './resample/resampleFilters.js';
import { resampleHorizontal } from './resample/resampleHorizontal.js';
import { resampleVertical } from './resample/resampleVertical.js';
import { resizeNearest } from './resample/resizeNearest.js';
import { sliceCoefficients } from './resample/sliceCoefficients.js';

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
