import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { versions } from 'node:process';
import { ImageError } from '../errors/errors.js';
import type { DecodedImage, DecodeResult, FormatDecode, ImageDecoderId } from './decodedImage.js';
import { decodeGif } from './decodeGif.js';
import { decodeJpeg } from './decodeJpeg.js';
import { decodePng } from './pngCodec.js';
import { orientImage, pillowOrientation } from './exifOrientation.js';
import { checkPixelLimit, imageError, reasonOf } from './imageError.js';
import { canvasMaxSide, nativeJpegCanvas, nativeJpegLibrary, nativeJpegUnavailableReason } from './nativeJpeg.js';
import { allowedFormatsText, readImageHeader, type DecodableFormat, type ImageFormat } from './readImageHeader.js';

/**
 * Pillow's `Image.MAX_IMAGE_PIXELS` (1024 * 1024 * 1024 // 4 // 3): larger images are refused
 * before decoding, as a decompression-bomb guard. (Pillow only warns up to twice this; stroop
 * refuses at the limit itself.)
 */
export const defaultMaxPixels = 89_478_485;

/**
 * What decoding does with the orientation a file states (EXIF Orientation, or XMP
 * tiff:Orientation where EXIF has none, read as Pillow reads them):
 * - `exif`: rotate/flip so the picture reads upright, as Hugging Face's `load_image`
 *   (`PIL.ImageOps.exif_transpose`) does;
 * - `ignore`: keep the stored pixels, as OpenAI's reference (`PIL.Image.open`, no transpose) does.
 */
export type OrientationPolicy = 'ignore' | 'exif';

/** Every orientation policy, for option choices. */
export const orientationPolicies: readonly OrientationPolicy[] = Object.freeze(['ignore', 'exif']);

/**
 * stroop's default orientation policy: `exif` (Hugging Face's `load_image`), because a dataset
 * photo lying on its side is not the picture its label describes. Use `ignore` for parity with
 * OpenAI's `clip` preprocessing.
 */
export const defaultOrientation: OrientationPolicy = 'exif';

/** How `decodeImage` / `readImageFile` treat one image. Immutable; one per call. */
export interface DecodeOptions {
  /** The file the bytes came from, for error messages only. */
  readonly path?: string;
  /** Refuse images with more pixels (width * height) than this, before decoding. Default 89,478,485. */
  readonly maxPixels?: number;
  /** What to do with the file's stated orientation; default `defaultOrientation` (`exif`). */
  readonly orientation?: OrientationPolicy;
}

/** Which decoder each format gets in this process, in words, for a run's provenance. */
export interface ImageDecoders {
  /** e.g. "stroop (zlib 1.3.0.1-motley)". */
  readonly png: string;
  readonly gif: string;
  /** e.g. "libjpeg-turbo 2.1.5 via node-canvas 3.2.3", or the jpeg-js fallback and why. */
  readonly jpeg: string;
  /** True when JPEGs are decoded as Pillow decodes them (libjpeg-turbo); false on the jpeg-js fallback. */
  readonly jpegMatchesPillow: boolean;
}

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

/**
 * Reads and decodes one image file, with its source mode and decoder (see `decodeImageDetailed`);
 * a missing or unreadable file is an `ImageError` too.
 */
export async function readImageFileDetailed(path: string, options: Omit<DecodeOptions, 'path'> = {}): Promise<DecodeResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw imageError(reason, path, error);
  }
  return decodeImageDetailed(bytes, { ...options, path });
}

/** Reads and decodes one image file (see `decodeImage`). */
export async function readImageFile(path: string, options: Omit<DecodeOptions, 'path'> = {}): Promise<DecodedImage> {
  return (await readImageFileDetailed(path, options)).image;
}

function jpegJsVersion(): string {
  try {
    return (createRequire(import.meta.url)('jpeg-js/package.json') as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One decoder in words with its version, e.g. "libjpeg-turbo 2.1.5 via node-canvas 3.2.3". */
export function describeDecoder(decoder: ImageDecoderId): string {
  switch (decoder) {
    case 'stroop-png':
      return `stroop (zlib ${versions.zlib ?? 'unknown'})`;
    case 'stroop-gif':
      return 'stroop';
    case 'jpeg-js':
      return `jpeg-js ${jpegJsVersion()}`;
    case 'libjpeg-turbo':
      return `${nativeJpegLibrary() ?? 'libjpeg'} via node-canvas ${nativeJpegCanvas()?.version ?? 'unknown'}`;
  }
}

/**
 * The image decoders this process uses, for a run's provenance (call once per run; it loads
 * node-canvas if nothing has yet). Every `DecodeResult` also names its own decoder: a JPEG
 * wider or taller than 32767 pixels falls back to jpeg-js even where libjpeg-turbo is available.
 */
export function imageDecoders(): ImageDecoders {
  const native = nativeJpegCanvas() !== undefined;
  const fallback = describeDecoder('jpeg-js');
  const jpeg = native
    ? `${describeDecoder('libjpeg-turbo')} (${fallback} above ${canvasMaxSide} px a side)`
    : `${fallback} (fallback: node-canvas unavailable: ${nativeJpegUnavailableReason() ?? 'unknown reason'})`;
  return { png: describeDecoder('stroop-png'), gif: describeDecoder('stroop-gif'), jpeg, jpegMatchesPillow: native };
}
