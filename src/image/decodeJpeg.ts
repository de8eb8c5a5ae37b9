import jpeg from 'jpeg-js';
import { ImageError } from '../errors/errors.js';
import type { DecodedImage, FormatDecode } from './decodedImage.js';
import { checkJpegComplete, jpegFrameHeader, jpegHeaderSegments, jpegMetadata, type JpegFrameHeader } from './jpegSegments.js';
import { decodeJpegLibjpeg } from './nativeJpeg.js';

/**
 * Decodes a JPEG with jpeg-js (pure JavaScript) into mode L (1 component) or RGB (3 components,
 * YCbCr or Adobe RGB; 4 components, CMYK/YCCK, converted by jpeg-js). The FALLBACK decoder:
 * used only where libjpeg-turbo (node-canvas) is unavailable or cannot hold the picture.
 *
 * Not Pillow's pixels: jpeg-js uses its own IDCT and nearest-neighbour chroma upsampling
 * (libjpeg-turbo's default is "fancy" triangular upsampling), so pixels differ from Pillow's,
 * by up to 58 levels on Pillow's own test images, most at colour edges of 4:2:0 files; it also
 * refuses some damaged files libjpeg accepts with a warning.
 */
export function decodeJpegJs(bytes: Uint8Array, frame: JpegFrameHeader): DecodedImage {
  const pixels = frame.width * frame.height;
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: Math.ceil(pixels / 1e6) + 1,
      maxMemoryUsageInMB: Math.max(512, Math.ceil((pixels * 16) / 2 ** 20)),
    });
  } catch (error) {
    throw new ImageError(`truncated or corrupt JPEG data (jpeg-js: ${(error as Error).message})`);
  }
  const { width, height, data } = decoded;
  if (frame.components !== 1) return { width, height, mode: 'RGB', data };
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * 3]!;
  return { width, height, mode: 'L', data: grey };
}

/**
 * Decodes a JPEG as Pillow opens it: mode L, RGB or (as RGB, see decodeJpegLibjpeg) CMYK,
 * with libjpeg-turbo, falling back to jpeg-js only where libjpeg-turbo is unavailable. Refuses
 * what Pillow refuses: samples of other than 8 bits, component counts other than 1, 3, 4, and
 * truncated data (checkJpegComplete). Leaves orientation to the caller.
 */
export function decodeJpeg(bytes: Uint8Array): FormatDecode {
  const segments = jpegHeaderSegments(bytes);
  const frame = jpegFrameHeader(bytes, segments);
  if (frame.precision !== 8) throw new ImageError(`unsupported JPEG: ${frame.precision}-bit samples (only 8-bit)`);
  if (![1, 3, 4].includes(frame.components)) {
    throw new ImageError(`unsupported JPEG: ${frame.components} colour components (allowed 1, 3, 4)`);
  }
  checkJpegComplete(bytes, frame, segments);
  const native = decodeJpegLibjpeg(bytes, frame, segments);
  const image = native ?? decodeJpegJs(bytes, frame);
  const sourceMode = frame.components === 1 ? 'L' : frame.components === 3 ? 'RGB' : 'CMYK';
  return { image, sourceMode, decoder: native ? 'libjpeg-turbo' : 'jpeg-js', ...jpegMetadata(bytes, segments) };
}
