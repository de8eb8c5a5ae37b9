import { ImageError } from '../../errors/ImageError.js';

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
