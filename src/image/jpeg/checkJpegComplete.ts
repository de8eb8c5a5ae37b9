import { ImageError } from '../../errors/ImageError.js';
import type { JpegFrameHeader } from './jpegFrameHeader.js';
import type { JpegSegment } from './jpegSegments.js';

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
