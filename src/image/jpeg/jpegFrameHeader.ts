import { ImageError } from '../../errors/ImageError.js';
import type { JpegSegment } from './jpegSegments.js';

/** What a JPEG's SOFn segment says about the picture. */
export interface JpegFrameHeader {
  readonly width: number;
  readonly height: number;
  /** 1 = greyscale, 3 = YCbCr/RGB, 4 = CMYK/YCCK. */
  readonly components: number;
  /** Bits per sample (8 for baseline; 12 and 16 exist but are not decodable here). */
  readonly precision: number;
  /** Progressive (SOF2, 6, 10, 14): the picture is spread over several scans. */
  readonly progressive: boolean;
}

/** SOF0-3, 5-7, 9-11, 13-15: every start-of-frame marker (0xc4, 0xc8, 0xcc are not). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Finds the frame header among a JPEG's header segments; throws when it is missing or malformed. */
export function jpegFrameHeader(bytes: Uint8Array, segments: readonly JpegSegment[]): JpegFrameHeader {
  const sof = segments.find((segment) => isStartOfFrame(segment.marker));
  if (sof === undefined) {
    throw new ImageError('truncated or corrupt JPEG: no frame header (SOF) before the image data');
  }
  if (sof.end - sof.start < 6) throw new ImageError('corrupt JPEG: frame header (SOF) too short');
  const at = (offset: number): number => bytes[sof.start + offset] ?? 0;
  const header = {
    precision: at(0),
    height: (at(1) << 8) | at(2),
    width: (at(3) << 8) | at(4),
    components: at(5),
    progressive: (sof.marker & 0x03) === 0x02,
  };
  if (header.width === 0 || header.height === 0) {
    throw new ImageError(`unsupported JPEG: frame header gives size ${header.width}x${header.height}`);
  }
  return header;
}
