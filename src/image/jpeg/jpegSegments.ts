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

/** Markers whose payload libjpeg skips unread (APP0-15, COM), so a bogus length < 2 is only a warning there. */
function isSkipped(marker: number): boolean {
  return (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
}

/**
 * The marker segments of a JPEG from its SOI up to and including its first SOS (start of
 * scan), where the entropy-coded data begins, found the way libjpeg finds them (jdmarker.c
 * `next_marker`): bytes other than 0xFF between segments, fill bytes (0xFF 0xFF) and stuffed
 * zeros (0xFF 0x00) are skipped, as libjpeg and Pillow skip them with a warning. So a file
 * with junk between its segments is read as they read it, and the SOF found here is the one
 * libjpeg decodes. Stops early, without error, when the bytes end first; the caller decides
 * whether what it needs was found. The caller has checked the SOI (0xFF 0xD8).
 */
export function jpegHeaderSegments(bytes: Uint8Array): JpegSegment[] {
  const segments: JpegSegment[] = [];
  let pos = 2;
  for (;;) {
    const ff = bytes.indexOf(0xff, pos);
    if (ff < 0) break;
    let at = ff + 1;
    while (at < bytes.length && bytes[at] === 0xff) at++;
    if (at >= bytes.length) break;
    const marker = bytes[at]!;
    pos = at + 1;
    if (marker === 0x00 || isStandalone(marker)) continue;
    if (marker === 0xd8) throw new ImageError(`corrupt JPEG header: a second start-of-image marker at byte ${at - 1}`);
    if (marker === 0xd9) throw new ImageError('corrupt JPEG: end-of-image marker before any image data');
    if (pos + 2 > bytes.length) break;
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (length < 2) {
      if (isSkipped(marker)) {
        pos += 2;
        continue;
      }
      throw new ImageError(`corrupt JPEG header: segment 0xff${hex(marker)} has length ${length}`);
    }
    if (pos + length > bytes.length) break;
    segments.push({ marker, start: pos + 2, end: pos + length });
    if (marker === 0xda) break;
    pos += length;
  }
  return segments;
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}
