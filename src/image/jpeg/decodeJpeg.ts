import { ImageError } from '../../errors/ImageError.js';
import type { FormatDecode } from '../decodeResult.js';
import { checkJpegComplete } from './checkJpegComplete.js';
import { decodeJpegJs } from './decodeJpegJs.js';
import { decodeJpegLibjpeg } from './decodeJpegLibjpeg.js';
import { jpegFrameHeader } from './jpegFrameHeader.js';
import { jpegMetadata } from './jpegMetadata.js';
import { jpegHeaderSegments } from './jpegSegments.js';

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
