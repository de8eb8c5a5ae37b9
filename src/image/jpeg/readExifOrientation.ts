import type { JpegSegment } from './jpegSegments.js';

const orientationTag = 0x0112;

/**
 * The EXIF Orientation (1-8) from a JPEG's first APP1 "Exif" segment, or 1 (as stored) when
 * there is none or it cannot be read. A broken EXIF block is not a broken image: it is ignored.
 */
export function readExifOrientation(bytes: Uint8Array, segments: readonly JpegSegment[]): number {
  const app1 = segments.find(
    (s) => s.marker === 0xe1 && s.end - s.start >= 14 && String.fromCharCode(...bytes.subarray(s.start, s.start + 6)) === 'Exif\0\0',
  );
  if (app1 === undefined) return 1;
  const tiff = new DataView(bytes.buffer, bytes.byteOffset + app1.start + 6, app1.end - app1.start - 6);
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  if (tiff.getUint16(2, little) !== 42) return 1;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return 1;
  const entries = tiff.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.byteLength) return 1;
    if (tiff.getUint16(entry, little) !== orientationTag) continue;
    const type = tiff.getUint16(entry + 2, little);
    // SHORT is the standard type; some writers use LONG.
    const value = type === 3 ? tiff.getUint16(entry + 8, little) : type === 4 ? tiff.getUint32(entry + 8, little) : 1;
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}
