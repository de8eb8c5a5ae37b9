import { ImageError } from '../../errors/ImageError.js';

/** One JPEG marker segment; its payload (after the 2-byte length) is bytes[start, end). */
export interface JpegSegment {
  /** The marker's second byte, e.g. 0xc0 for SOF0, 0xe1 for APP1. */
  readonly marker: number;
  readonly start: number;
  readonly end: number;
}

/** Markers without a length field (TEM, RST0-7). */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/**
 * The marker segments of a JPEG from its SOI up to its first SOS (start of scan), where the
 * entropy-coded data begins. Stops early, without error, when the bytes end first; the caller
 * decides whether what it needs was found.
 */
export function jpegHeaderSegments(bytes: Uint8Array): JpegSegment[] {
  const segments: JpegSegment[] = [];
  let pos = 2;
  while (pos + 1 < bytes.length) {
    if (bytes[pos] !== 0xff) {
      throw new ImageError(`corrupt JPEG header: expected a marker at byte ${pos}, found 0x${hex(bytes[pos])}`);
    }
    let marker = bytes[pos + 1] ?? 0xff;
    while (marker === 0xff && pos + 2 < bytes.length) {
      pos += 1; // fill bytes before a marker
      marker = bytes[pos + 1] ?? 0xff;
    }
    pos += 2;
    if (isStandalone(marker)) continue;
    if (marker === 0xd9) throw new ImageError('corrupt JPEG: end-of-image marker before any image data');
    if (pos + 2 > bytes.length) break;
    const length = ((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0);
    if (length < 2) throw new ImageError(`corrupt JPEG header: segment 0xff${hex(marker)} has length ${length}`);
    if (pos + length > bytes.length) break;
    segments.push({ marker, start: pos + 2, end: pos + length });
    if (marker === 0xda) break;
    pos += length;
  }
  return segments;
}

function hex(value: number | undefined): string {
  return (value ?? 0).toString(16).padStart(2, '0');
}
