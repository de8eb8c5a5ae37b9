import { crc32, inflateSync } from 'node:zlib';
import { ImageError } from '../errors/errors.js';

/** The fields of a PNG IHDR chunk. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16 (which ones depends on the colour type). */
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colorType: number;
  readonly interlaced: boolean;
}

/** The chunks of a PNG that decoding needs, as views into the file's bytes. */
export interface PngChunks {
  readonly ihdr: Uint8Array;
  readonly plte?: Uint8Array;
  readonly trns?: Uint8Array;
  /** The IDAT payloads in file order (one zlib stream split across chunks). */
  readonly idat: readonly Uint8Array[];
  /** The first eXIf payload (a TIFF-structured EXIF block). */
  readonly exif?: Uint8Array;
  /** The XMP packet of the first iTXt chunk with keyword "XML:com.adobe.xmp". */
  readonly xmp?: Uint8Array;
}

const allowedDepths: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Samples per pixel for each colour type. */
export const pngSamplesPerPixel: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Parses and validates an IHDR payload. */
export function parsePngHeader(ihdr: Uint8Array): PngHeader {
  if (ihdr.length !== 13) throw new ImageError(`corrupt PNG: IHDR has ${ihdr.length} bytes, expected 13`);
  const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  const header = {
    width: view.getUint32(0),
    height: view.getUint32(4),
    bitDepth: view.getUint8(8),
    colorType: view.getUint8(9),
    interlaced: view.getUint8(12) === 1,
  };
  const depths = allowedDepths[header.colorType];
  if (depths === undefined) throw new ImageError(`corrupt PNG: unknown colour type ${header.colorType}`);
  if (!depths.includes(header.bitDepth)) {
    throw new ImageError(`corrupt PNG: bit depth ${header.bitDepth} is not allowed for colour type ${header.colorType}`);
  }
  if (header.width === 0 || header.height === 0) throw new ImageError(`corrupt PNG: size ${header.width}x${header.height}`);
  if (view.getUint8(10) !== 0 || view.getUint8(11) !== 0 || view.getUint8(12) > 1) {
    throw new ImageError('corrupt PNG: unknown compression, filter or interlace method in IHDR');
  }
  return header;
}

// Chunks whose contents we interpret get their CRC checked wherever they are; every chunk
// before the first IDAT does too, as Pillow checks them while opening. IDAT is not checked,
// as in Pillow: zlib's own Adler-32 guards the image data.
const crcChecked = new Set(['IHDR', 'PLTE', 'tRNS']);

/** Pillow's chunk-type check (`\w\w\w\w`): anything else is a broken file (or, after IDAT, the end). */
const chunkType = /^\w{4}$/;

/** An XMP packet larger than this (bytes, once inflated) is ignored rather than inflated. */
const maxXmpBytes = 16 * 2 ** 20;

/** The text of an iTXt chunk if its keyword is "XML:com.adobe.xmp" (Pillow's XMP key for PNG). */
function xmpOf(data: Uint8Array): Uint8Array | undefined {
  const keyword = 'XML:com.adobe.xmp';
  if (data.length < keyword.length + 5 || Buffer.from(data.subarray(0, keyword.length + 1)).toString('latin1') !== `${keyword}\0`) return undefined;
  let pos = keyword.length + 1;
  const compressed = data[pos] === 1;
  pos += 2;
  for (let skip = 0; skip < 2; skip++) {
    const end = data.indexOf(0, pos);
    if (end < 0) return undefined;
    pos = end + 1; // language tag, then translated keyword
  }
  if (!compressed) return data.subarray(pos);
  try {
    return inflateSync(data.subarray(pos), { maxOutputLength: maxXmpBytes });
  } catch {
    return undefined; // Unreadable metadata is no reason to refuse the picture.
  }
}

/**
 * Splits a PNG file into its chunks (after the 8-byte signature), up to IEND. A missing IEND
 * is tolerated, as Pillow does; a chunk that runs past the end of the data is not.
 */
export function readPngChunks(bytes: Uint8Array): PngChunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ihdr: Uint8Array | undefined;
  let plte: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  let exif: Uint8Array | undefined;
  let xmp: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let pos = 8;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = Buffer.from(bytes.subarray(pos + 4, pos + 8)).toString('latin1');
    if (!chunkType.test(type)) {
      if (idat.length > 0) break;
      throw new ImageError(`corrupt PNG: invalid chunk type ${JSON.stringify(type)} at byte ${pos}`);
    }
    const dataEnd = pos + 8 + length;
    if (dataEnd + 4 > bytes.length) {
      throw new ImageError(`truncated PNG: chunk ${type} at byte ${pos} runs past the end of the data`);
    }
    const data = bytes.subarray(pos + 8, dataEnd);
    const checked = crcChecked.has(type) || (idat.length === 0 && type !== 'IDAT');
    if (checked && crc32(bytes.subarray(pos + 4, dataEnd)) !== view.getUint32(dataEnd)) {
      throw new ImageError(`corrupt PNG: bad CRC in chunk ${type}`);
    }
    if (type === 'IHDR') ihdr = data;
    else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'eXIf') exif ??= data;
    else if (type === 'iTXt') xmp ??= xmpOf(data);
    else if (type === 'IEND') break;
    pos = dataEnd + 4;
  }
  if (ihdr === undefined) throw new ImageError('corrupt PNG: no IHDR chunk');
  if (idat.length === 0) throw new ImageError('truncated PNG: no image data (IDAT)');
  return { ihdr, idat, ...(plte && { plte }), ...(trns && { trns }), ...(exif && { exif }), ...(xmp && { xmp }) };
}

/**
 * The 256-entry RGBA palette of a P-mode PNG: PLTE colours with tRNS alphas (255 where tRNS is
 * shorter), opaque black past the end of PLTE. A 1-bit grey image gets black and white.
 */
export function pngPalette(header: PngHeader, chunks: PngChunks): Uint8Array {
  const palette = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) palette[i * 4 + 3] = 255;
  if (header.colorType === 0) {
    palette.fill(255, 4, 8);
    return palette;
  }
  const plte = chunks.plte;
  if (plte === undefined) throw new ImageError('corrupt PNG: palette image without a PLTE chunk');
  if (plte.length % 3 !== 0 || plte.length > 768) {
    throw new ImageError(`corrupt PNG: PLTE chunk of ${plte.length} bytes (must be 3 x 1..256)`);
  }
  for (let i = 0; i < plte.length / 3; i++) {
    palette[i * 4] = plte[i * 3]!;
    palette[i * 4 + 1] = plte[i * 3 + 1]!;
    palette[i * 4 + 2] = plte[i * 3 + 2]!;
  }
  const trns = chunks.trns ?? new Uint8Array(0);
  for (let i = 0; i < Math.min(trns.length, 256); i++) palette[i * 4 + 3] = trns[i]!;
  return palette;
}
