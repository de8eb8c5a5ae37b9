import { ImageError } from '../../errors/ImageError.js';

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  if (pa <= pb && pa <= pc) return left;
  return pb <= pc ? up : upLeft;
}

/**
 * Undoes PNG row filtering in place for one (sub)image of `rows` rows, each a filter-type byte
 * followed by `rowBytes` bytes, starting at `offset` in `data`. `bpp` is the filter's byte
 * distance (bytes per complete pixel, at least 1). Returns the offset after the last row.
 */
export function unfilterPngRows(data: Uint8Array, offset: number, rows: number, rowBytes: number, bpp: number): number {
  let prev = -1;
  let pos = offset;
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
        for (let i = 0; i < rowBytes; i++) {
          const left = i >= bpp ? data[cur + i - bpp]! : 0;
          const up = prev >= 0 ? data[prev + i]! : 0;
          data[cur + i] = (data[cur + i]! + ((left + up) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let i = 0; i < rowBytes; i++) {
          const left = i >= bpp ? data[cur + i - bpp]! : 0;
          const up = prev >= 0 ? data[prev + i]! : 0;
          const upLeft = i >= bpp && prev >= 0 ? data[prev + i - bpp]! : 0;
          data[cur + i] = (data[cur + i]! + paeth(left, up, upLeft)) & 0xff;
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
