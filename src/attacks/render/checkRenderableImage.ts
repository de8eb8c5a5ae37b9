import { AttackError } from '../../errors/AttackError.js';
import type { RgbaImage } from '../../image/rgbaImage.js';

/** Smallest image side the renderer accepts, px. */
export const MIN_IMAGE_SIDE = 8;
/** Largest output side (after band growth), px; cairo's own limit is 32767. */
export const MAX_IMAGE_SIDE = 16384;
/** Largest output in pixels (160 MB of RGBA). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Throws AttackError when the input (or the page it grows into) is too small, too large or malformed. */
export function checkRenderableImage(image: RgbaImage, outputHeight: number): void {
  const { width, height } = image;
  const size = `${width}x${height}`;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    throw new AttackError(`Image ${size} is too small to attack: each side must be at least ${MIN_IMAGE_SIDE} px.`);
  }
  if (width > MAX_IMAGE_SIDE || outputHeight > MAX_IMAGE_SIDE || width * outputHeight > MAX_IMAGE_PIXELS) {
    throw new AttackError(
      `Image ${size} is too large to attack (output ${width}x${outputHeight}): each side must be at most ${MAX_IMAGE_SIDE} px and the output at most ${MAX_IMAGE_PIXELS} pixels.`,
    );
  }
  if (image.data.length !== width * height * 4) {
    throw new AttackError(`Image ${size} has ${image.data.length} bytes of RGBA data; expected ${width * height * 4}.`);
  }
}
