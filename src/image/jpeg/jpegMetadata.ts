import type { JpegSegment } from './jpegSegments.js';

const exifPrefix = 'Exif\0\0';
const xmpPrefix = 'http://ns.adobe.com/xap/1.0/\0';
const latin1 = new TextDecoder('latin1');

/** The metadata blocks of a JPEG that can state its orientation. */
export interface JpegMetadata {
  /** The first APP1 "Exif" payload (the one Pillow keeps), prefix included. */
  readonly exif?: Uint8Array;
  /** The last APP1 XMP packet (the one Pillow keeps), without its namespace prefix. */
  readonly xmp?: Uint8Array;
}

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
