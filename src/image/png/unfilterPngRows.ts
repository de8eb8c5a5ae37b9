import { ImageError } from '../../errors/ImageError.js';

/**
 * Undoes PNG row filtering in place for one (sub)image of `rows` rows, each a filter-type byte
 * followed by `rowBytes` bytes, starting at `offset` in `data`. `bpp` is the filter's byte
 * distance (bytes per complete pixel, at least 1). Returns the offset after the last row.
 *
 * Bytes left of the row and above the first row count as 0 (PNG spec, 9.2). Each filter's first
 * pixel and first row are handled apart, so the inner loops, where decoding spends its time,
 * test nothing but the predictor.
 */
export function unfilterPngRows(data: Uint8Array, offset: number, rows: number, rowBytes: number, bpp: number): number {
  let prev = -1;
  let pos = offset;
  const firstPixel = Math.min(bpp, rowBytes);
  for (let row = 0; row < rows; row++) {
    const filter = data[pos];
    const cur = pos + 1;
    switch (filter) {
      case 0:
        break;
      case 1:
        for (let i = bpp; i < rowBytes; i++) data[cur + i] = (data[cur + i]! + data[cur + i - bpp]!) & 0xff;
        break;
      case 2:
        if (prev >= 0) for (let i = 0; i < rowBytes; i++) data[cur + i] = (data[cur + i]! + data[prev + i]!) & 0xff;
        break;
      case 3:
        if (prev < 0) {
          for (let i = bpp; i < rowBytes; i++) data[cur + i] = (data[cur + i]! + (data[cur + i - bpp]! >> 1)) & 0xff;
          break;
        }
        for (let i = 0; i < firstPixel; i++) data[cur + i] = (data[cur + i]! + (data[prev + i]! >> 1)) & 0xff;
        for (let i = bpp; i < rowBytes; i++) data[cur + i] = (data[cur + i]! + ((data[cur + i - bpp]! + data[prev + i]!) >> 1)) & 0xff;
        break;
      case 4:
        // With nothing above, Paeth predicts from the left (Sub); on the first pixel, from above (Up).
        if (prev < 0) {
          for (let i = bpp; i < rowBytes; i++) data[cur + i] = (data[cur + i]! + data[cur + i - bpp]!) & 0xff;
          break;
        }
        for (let i = 0; i < firstPixel; i++) data[cur + i] = (data[cur + i]! + data[prev + i]!) & 0xff;
        for (let i = bpp; i < rowBytes; i++) {
          const left = data[cur + i - bpp]!;
          const up = data[prev + i]!;
          const upLeft = data[prev + i - bpp]!;
          // |p - left|, |p - up|, |p - upLeft| for p = left + up - upLeft.
          const toLeft = Math.abs(up - upLeft);
          const toUp = Math.abs(left - upLeft);
          const toUpLeft = Math.abs(left + up - 2 * upLeft);
          const predicted = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
          data[cur + i] = (data[cur + i]! + predicted) & 0xff;
        }
        break;
      default:
        throw new ImageError(`corrupt PNG: unknown row filter type ${String(filter)} on row ${row}`);
    }
    prev = cur;
    pos = cur + rowBytes;
  }
  return pos;
}
