import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { roundHalfEven } from './preprocess/roundHalfEven.js';

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
