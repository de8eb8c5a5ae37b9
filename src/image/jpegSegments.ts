import { ImageError } from '../errors/errors.js';

/**
 * A JPEG's structure as libjpeg and Pillow read it, without decoding: the marker segments up to
 * the first scan, the frame header, the EXIF and XMP blocks, and whether the data is complete.
 */

/** One JPEG marker segment; its payload (after the 2-byte length) is bytes[start, end). */
export interface JpegSegment {
  /** The marker's second byte, e.g. 0xc0 for SOF0, 0xe1 for APP1. */
  readonly marker: number;
  readonly start: number;
  readonly end: number;
}

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

/** The metadata blocks of a JPEG that can state its orientation. */
export interface JpegMetadata {
  /** The first APP1 "Exif" payload (the one Pillow keeps), prefix included. */
  readonly exif?: Uint8Array;
  /** The last APP1 XMP packet (the one Pillow keeps), without its namespace prefix. */
  readonly xmp?: Uint8Array;
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

const exifPrefix = 'Exif\0\0';
const xmpPrefix = 'http://ns.adobe.com/xap/1.0/\0';
const latin1 = new TextDecoder('latin1');

function startsWith(bytes: Uint8Array, segment: JpegSegment, prefix: string): boolean {
  return segment.end - segment.start >= prefix.length && latin1.decode(bytes.subarray(segment.start, segment.start + prefix.length)) === prefix;
}

/** Picks the EXIF and XMP blocks out of a JPEG's header segments, as Pillow's JPEG plugin does. */
export function jpegMetadata(bytes: Uint8Array, segments: readonly JpegSegment[]): JpegMetadata {
  let exif: Uint8Array | undefined;
  let xmp: Uint8Array | undefined;
  for (const segment of segments) {
    if (segment.marker !== 0xe1) continue;
    if (exif === undefined && startsWith(bytes, segment, exifPrefix)) exif = bytes.subarray(segment.start, segment.end);
    else if (startsWith(bytes, segment, xmpPrefix)) xmp = bytes.subarray(segment.start + xmpPrefix.length, segment.end);
  }
  return { ...(exif && { exif }), ...(xmp && { xmp }) };
}

/**
 * Refuses a JPEG whose data ends before libjpeg could finish it, as Pillow does
 * (`OSError: image file is truncated`, unless `ImageFile.LOAD_TRUNCATED_IMAGES` is set).
 * libjpeg itself pads a truncated file with grey and only warns, so the rule is applied here,
 * from the file's structure:
 *
 * - single-scan (sequential) files are complete once their entropy-coded data is followed by
 *   a marker (usually EOI; a marker that cuts the scan short is damage libjpeg and Pillow
 *   accept with a warning);
 * - multi-scan files (progressive, or one scan per component) are complete only when an EOI
 *   marker follows the last scan, because libjpeg reads them to the end before it outputs a row.
 *
 * Data that ends inside a scan, inside a segment or right after the SOS header is truncated.
 * Junk after the end is ignored, as Pillow ignores it.
 */
export function checkJpegComplete(bytes: Uint8Array, frame: JpegFrameHeader, segments: readonly JpegSegment[]): void {
  const sos = segments.find((segment) => segment.marker === 0xda);
  if (sos === undefined) throw new ImageError('truncated JPEG: the data ends before the first scan (SOS)');
  const multiScan = frame.progressive || (bytes[sos.start] ?? 0) < frame.components;
  let pos = sos.end;
  for (;;) {
    const ff = bytes.indexOf(0xff, pos);
    if (ff < 0) break;
    let at = ff + 1;
    while (at < bytes.length && bytes[at] === 0xff) at++;
    if (at >= bytes.length) break;
    const marker = bytes[at]!;
    pos = at + 1;
    // Stuffed zeros and restart markers belong to the entropy-coded data.
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (!multiScan || marker === 0xd9) return;
    if (pos + 2 > bytes.length) break;
    pos += (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (pos > bytes.length) break;
  }
  throw new ImageError(`truncated JPEG: the image data ends at byte ${bytes.length} before the ${multiScan ? 'end-of-image marker' : 'end of the scan'}`);
}
