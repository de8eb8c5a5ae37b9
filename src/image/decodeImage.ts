import { ImageError } from '../errors/ImageError.js';
import type { DecodedImage } from './decodedImage.js';
import { defaultMaxPixels, defaultOrientation, type DecodeOptions } from './decodeOptions.js';
import type { DecodeResult, FormatDecode } from './decodeResult.js';
import { pillowOrientation } from './exif/exifOrientation.js';
import { decodeGif } from './gif/decodeGif.js';
import type { DecodableFormat, ImageFormat } from './imageHeader.js';
import { imageError } from './imageError.js';
import { decodeJpeg } from './jpeg/decodeJpeg.js';
import { orientImage } from './orientImage.js';
import { checkPixelLimit } from './pixelLimit.js';
import { decodePng } from './png/decodePng.js';
import { reasonOf } from './reasonOf.js';
import { allowedFormatsText, readImageHeader } from './readImageHeader.js';

function decodeFormat(bytes: Uint8Array, format: ImageFormat, maxPixels: number): FormatDecode {
  switch (format) {
    case 'png':
      return decodePng(bytes);
    case 'jpeg':
      return decodeJpeg(bytes);
    case 'gif': {
      const image = decodeGif(bytes, maxPixels);
      return { image, sourceMode: image.mode === 'L' ? 'L' : 'P', decoder: 'stroop-gif' };
    }
    case 'webp':
      throw new ImageError(`WebP is not supported (no WebP decoder is installed); ${allowedFormatsText}`);
  }
}

/**
 * Decodes PNG, JPEG or GIF bytes as Pillow's `Image.open` does (see each format's decoder),
 * oriented as `options.orientation` says, and reports the source mode and the decoder that
 * ran. The size is read from the header first and an image over `maxPixels` is refused before
 * any pixel is decoded. Every failure (empty, unknown format, over the limit, truncated,
 * corrupt, refused by Pillow) is an `ImageError` whose one-line message names `options.path`.
 */
export function decodeImageDetailed(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const { path, maxPixels = defaultMaxPixels, orientation = defaultOrientation } = options;
  const header = readImageHeader(bytes, path);
  let decoded: FormatDecode;
  try {
    checkPixelLimit(header.width, header.height, maxPixels);
    decoded = decodeFormat(bytes, header.format, maxPixels);
  } catch (error) {
    throw imageError(reasonOf(error), path, error);
  }
  const exifOrientation = pillowOrientation(decoded.exif, decoded.xmp);
  const oriented = orientation === 'exif' && exifOrientation !== 1;
  return {
    image: oriented ? orientImage(decoded.image, exifOrientation) : decoded.image,
    // Only PNG, JPEG and GIF get this far (decodeFormat refuses WebP).
    format: header.format as DecodableFormat,
    sourceMode: decoded.sourceMode,
    decoder: decoded.decoder,
    exifOrientation,
    oriented,
  };
}

/** The pixels of `decodeImageDetailed`: what every later stage starts from. */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedImage {
  return decodeImageDetailed(bytes, options).image;
}
