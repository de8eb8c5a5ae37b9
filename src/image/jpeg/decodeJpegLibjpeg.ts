import { ImageError } from '../../errors/ImageError.js';
import type { DecodedImage } from '../decodedImage.js';
import { reasonOf } from '../reasonOf.js';
import { hideExifFromCanvas } from './hideExifFromCanvas.js';
import type { JpegFrameHeader } from './jpegFrameHeader.js';
import type { JpegSegment } from './jpegSegments.js';
import { nativeJpegCanvas } from './nativeJpeg.js';

/** cairo's largest image surface side, in pixels: node-canvas cannot hold a wider or taller picture. */
export const canvasMaxSide = 32767;

/**
 * Decodes a JPEG with libjpeg-turbo through node-canvas, with libjpeg's defaults, which are
 * Pillow's: islow integer IDCT, fancy (triangular) chroma upsampling, no colour management,
 * no EXIF rotation (node-canvas's own rotation is disabled, see hideExifFromCanvas). Gives
 * mode L for 1 component and RGB for 3 (YCbCr or RGB). 4-component (CMYK/YCCK) files come
 * out as RGB by node-canvas's formula R = K' * C' / 255 truncated (Adobe's inverted inks),
 * which is Pillow's cmyk2rgb up to 1 level (Pillow rounds).
 *
 * Returns `undefined` when node-canvas is not available or the picture is wider or taller than
 * `canvasMaxSide`; the caller then falls back to jpeg-js. libjpeg's fatal errors become an
 * `ImageError`; its warnings (junk before a marker, a scan cut short) do not, as in Pillow.
 */
export function decodeJpegLibjpeg(bytes: Uint8Array, frame: JpegFrameHeader, segments: readonly JpegSegment[]): DecodedImage | undefined {
  const canvas = nativeJpegCanvas();
  if (canvas === undefined || frame.width > canvasMaxSide || frame.height > canvasMaxSide) return undefined;
  const patched = hideExifFromCanvas(bytes, segments);
  const image = new canvas.Image();
  let failure: Error | undefined;
  image.onerror = (error) => {
    failure = error;
  };
  // node-canvas decodes a Buffer source synchronously, calling onerror before returning.
  image.src = Buffer.from(patched.buffer, patched.byteOffset, patched.byteLength);
  if (failure !== undefined) throw new ImageError(`corrupt JPEG (libjpeg: ${reasonOf(failure)})`);
  const { width, height } = image;
  const surface = canvas.createCanvas(width, height);
  const context = surface.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  // Free the native buffers now rather than at some later garbage collection.
  image.onerror = null;
  image.src = Buffer.alloc(0);
  surface.width = 0;

  const pixels = width * height;
  if (frame.components === 1) {
    const grey = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) grey[i] = rgba[i * 4]!;
    return { width, height, mode: 'L', data: grey };
  }
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = rgba[i * 4]!;
    rgb[i * 3 + 1] = rgba[i * 4 + 1]!;
    rgb[i * 3 + 2] = rgba[i * 4 + 2]!;
  }
  return { width, height, mode: 'RGB', data: rgb };
}
