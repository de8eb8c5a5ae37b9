import { crc32 } from 'node:zlib';
import { ImageError } from '../../errors/ImageError.js';

/** The chunks of a PNG that decoding needs, as views into the file's bytes. */
export interface PngChunks {
  readonly ihdr: Uint8Array;
  readonly plte?: Uint8Array;
  readonly trns?: Uint8Array;
  /** The IDAT payloads in file order (one zlib stream split across chunks). */
  readonly idat: readonly Uint8Array[];
}

// Chunks whose contents we interpret get their CRC checked. Others (IDAT included) are not,
// as in Pillow: zlib's own Adler-32 guards the image data.
const crcChecked = new Set(['IHDR', 'PLTE', 'tRNS']);

/**
 * Splits a PNG file into its chunks (after the 8-byte signature), up to IEND. A missing IEND
 * is tolerated, as Pillow does; a chunk that runs past the end of the data is not.
 */
export function readPngChunks(bytes: Uint8Array): PngChunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ihdr: Uint8Array | undefined;
  let plte: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let pos = 8;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const dataEnd = pos + 8 + length;
    if (dataEnd + 4 > bytes.length) {
      throw new ImageError(`truncated PNG: chunk ${type} at byte ${pos} runs past the end of the data`);
    }
    const data = bytes.subarray(pos + 8, dataEnd);
    if (crcChecked.has(type) && crc32(bytes.subarray(pos + 4, dataEnd)) !== view.getUint32(dataEnd)) {
      throw new ImageError(`corrupt PNG: bad CRC in chunk ${type}`);
    }
    if (type === 'IHDR') ihdr = data;
    else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos = dataEnd + 4;
  }
  if (ihdr === undefined) throw new ImageError('corrupt PNG: no IHDR chunk');
  if (idat.length === 0) throw new ImageError('truncated PNG: no image data (IDAT)');
  return { ihdr, idat, ...(plte && { plte }), ...(trns && { trns }) };
}
