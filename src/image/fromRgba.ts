import type { DecodedImage } from './decodedImage.js';
import type { RgbaImage } from './rgbaImage.js';

/**
 * An RGBA raster (e.g. a rendered attack image) as a mode-RGBA `DecodedImage`, so it is
 * preprocessed exactly as Pillow would treat the same pixels saved as an RGBA PNG
 * (premultiplied resize, alpha dropped without compositing). Shares `image.data`; nothing in
 * the pipeline writes to it.
 */
export function fromRgba(image: RgbaImage): DecodedImage {
  if (image.data.length !== image.width * image.height * 4) {
    throw new RangeError(`RGBA data has ${image.data.length} bytes, expected ${image.width} * ${image.height} * 4`);
  }
  return { width: image.width, height: image.height, mode: 'RGBA', data: image.data };
}
