import { ImageError } from '../errors/ImageError.js';
import type { DecodedImage } from './decodedImage.js';
import { defaultMaxPixels, type DecodeOptions } from './decodeOptions.js';
import { decodeGif } from './gif/decodeGif.js';
import { imageError } from './imageError.js';
import { reasonOf } from './reasonOf.js';
import { decodeJpeg } from './jpeg/decodeJpeg.js';
import { jpegFrameHeader } from './jpeg/jpegFrameHeader.js';
import { jpegHeaderSegments } from './jpeg/jpegSegments.js';
import { readExifOrientation } from './jpeg/readExifOrientation.js';
import { orientImage } from './orientImage.js';
import { checkPixelLimit } from './pixelLimit.js';
import { decodePng } from './png/decodePng.js';
import { allowedFormatsText, readImageHeader } from './readImageHeader.js';

function decodeJpegOriented(bytes: Uint8Array, applyExifOrientation: boolean): DecodedImage {
  const segments = jpegHeaderSegments(bytes);
  const image = decodeJpeg(bytes, jpegFrameHeader(bytes, segments));
  return applyExifOrientation ? orientImage(image, readExifOrientation(bytes, segments)) : image;
}

/**
 * Decodes PNG, JPEG or GIF bytes into a `DecodedImage` in its source (Pillow) mode. The size
 * is read from the header first and an image over `maxPixels` is refused before any pixel is
 * decoded. Every failure (empty, unknown format, over the limit, truncated, corrupt) is an
 * `ImageError` whose one-line message names `options.path`.
 */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedImage {
  const { path, maxPixels = defaultMaxPixels, applyExifOrientation = true } = options;
  const header = readImageHeader(bytes, path);
  try {
    checkPixelLimit(header.width, header.height, maxPixels);
    switch (header.format) {
      case 'png':
        return decodePng(bytes);
      case 'jpeg':
        return decodeJpegOriented(bytes, applyExifOrientation);
      case 'gif':
        return decodeGif(bytes, maxPixels);
      case 'webp':
        throw new ImageError(`WebP is not supported (no WebP decoder is installed); ${allowedFormatsText}`);
    }
  } catch (error) {
    throw imageError(reasonOf(error), path, error);
  }
}
