import jpeg from 'jpeg-js';
import { ImageError } from '../../errors/ImageError.js';
import type { DecodedImage } from '../decodedImage.js';
import type { JpegFrameHeader } from './jpegFrameHeader.js';

/**
 * Decodes a JPEG with jpeg-js into mode L (1 component) or RGB (3 components, YCbCr or Adobe
 * RGB; 4 components, CMYK/YCCK, converted by jpeg-js).
 *
 * Not bit-exact with Pillow, which decodes with libjpeg-turbo: jpeg-js uses its own IDCT and
 * nearest-neighbour chroma upsampling (libjpeg-turbo's default is "fancy" triangular
 * upsampling), so pixels can differ by a few levels, most at colour edges of 4:2:0 files.
 * CMYK files come out as RGB by jpeg-js's formula, 255 - min(255, C(1 - K/255) + K) truncated,
 * which is Pillow's cmyk2rgb up to one level of rounding; Pillow would keep them as CMYK
 * until after resizing.
 */
export function decodeJpeg(bytes: Uint8Array, frame: JpegFrameHeader): DecodedImage {
  if (frame.precision !== 8) throw new ImageError(`unsupported JPEG: ${frame.precision}-bit samples (only 8-bit)`);
  if (![1, 3, 4].includes(frame.components)) {
    throw new ImageError(`unsupported JPEG: ${frame.components} colour components (allowed 1, 3, 4)`);
  }
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
    throw new ImageError(`truncated or corrupt JPEG data (${(error as Error).message})`);
  }
  const { width, height, data } = decoded;
  if (frame.components !== 1) return { width, height, mode: 'RGB', data };
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * 3]!;
  return { width, height, mode: 'L', data: grey };
}
