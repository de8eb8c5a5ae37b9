import type { JpegSegment } from './jpegSegments.js';

/**
 * node-canvas rotates a JPEG by its EXIF Orientation while decoding, with no way to turn that
 * off, and reads the EXIF block without bounds checks (an IFD offset near 2^32 makes it read
 * far outside the buffer). stroop applies orientation itself, so before a JPEG goes to
 * node-canvas every APP1 "Exif" header node-canvas would find is broken ('Exif' -> 'xxif'),
 * and node-canvas never parses EXIF. libjpeg skips APP1 payloads, so the pixels do not change.
 *
 * `findCanvasExif` is node-canvas 3's `Image::getExifOrientation` segment walk (src/Image.cc),
 * step for step, including its quirks (it scans for any 0xFF, knows only some markers, and
 * skips a whole segment length after reading part of the "Exif" prefix).
 */

/** "Exif\0\0" */
const exifHeader: readonly number[] = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];

/** Offset of the "Exif\0\0" header node-canvas would parse, or -1 when it finds none. */
function findCanvasExif(bytes: Uint8Array): number {
  const length = bytes.length;
  // node-canvas's Reader::hasBytes(n): idx + n - 1 < len.
  const has = (idx: number, n: number): boolean => idx + n - 1 < length;
  let idx = 0;
  for (;;) {
    if (!has(idx, 1)) return -1;
    while (has(idx, 1) && bytes[idx++] !== 0xff) {
      // scan to the next 0xFF
    }
    if (!has(idx, 1)) return -1;
    const tag = bytes[idx++]!;
    switch (tag) {
      case 0xd8:
        break;
      case 0xdd:
        idx += 4;
        break;
      case 0xc0:
      case 0xc2:
      case 0xc4:
      case 0xdb:
      case 0xfe:
      case 0xe0:
      case 0xe1: {
        if (!has(idx, 2)) return -1;
        const tagLength = (bytes[idx]! << 8) | bytes[idx + 1]!;
        idx += 2;
        const contentLength = Math.max(0, tagLength - 2);
        if (tag !== 0xe1 || !has(idx, contentLength) || !has(idx, 6)) {
          idx += contentLength;
          break;
        }
        const start = idx;
        let matched = 0;
        // The C++ reads byte by byte with &&: it stops after the first mismatch.
        while (matched < 6 && bytes[idx++] === exifHeader[matched]) matched++;
        if (matched === 6) return start;
        idx += contentLength;
        break;
      }
      default:
        return -1;
    }
  }
}

/**
 * The JPEG with every EXIF header made unreadable to node-canvas: those of the APP1 segments
 * in `segments` (the file's header as libjpeg reads it), then any other that node-canvas's own
 * walk would still reach. Returns `bytes` itself when there is none, else a patched copy;
 * `bytes` is never changed.
 */
export function hideExifFromCanvas(bytes: Uint8Array, segments: readonly JpegSegment[]): Uint8Array {
  let out = bytes;
  const hide = (at: number): void => {
    // A copy (Buffer#slice would share memory with the caller's bytes).
    if (out === bytes) out = new Uint8Array(bytes);
    out[at] = 0x78; // 'E' -> 'x'
  };
  for (const segment of segments) {
    if (segment.marker === 0xe1 && isExifHeader(bytes, segment.start)) hide(segment.start);
  }
  for (let at = findCanvasExif(out); at >= 0; at = findCanvasExif(out)) hide(at);
  return out;
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  return exifHeader.every((value, i) => bytes[at + i] === value);
}
