/** PNG: stroop's decoder (exact against Pillow) and the two lossless encodings stroop writes. */
import { inflateSync } from 'node:zlib';
import { ImageError } from '../errors/errors.js';
import type { DecodedImage, FormatDecode, ImageMode, PillowMode } from './decodedImage.js';
import { parsePngHeader, pngPalette, pngSamplesPerPixel, readPngChunks, type PngHeader } from './pngChunks.js';
import { PNG } from 'pngjs';
import { convertToRgb } from './convertImage.js';
import type { RgbaImage } from './rgbaImage.js';

/** Adam7 passes as [x0, y0, dx, dy]; a non-interlaced image is the single pass [0, 0, 1, 1]. */
const adam7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

interface Pass {
  readonly x0: number;
  readonly y0: number;
  readonly dx: number;
  readonly dy: number;
  readonly width: number;
  readonly height: number;
}

function passesOf(header: PngHeader): Pass[] {
  const grid = header.interlaced ? adam7 : ([[0, 0, 1, 1]] as const);
  return grid
    .map(([x0, y0, dx, dy]) => ({
      x0, y0, dx, dy,
      width: Math.ceil((header.width - x0) / dx),
      height: Math.ceil((header.height - y0) / dy),
    }))
    .filter((pass) => pass.width > 0 && pass.height > 0);
}

/** The mode stroop keeps a PNG in. 1-bit grey (Pillow's "1") is kept as a 2-colour P image, which Pillow resizes (nearest) and converts the same way. */
function modeOf(header: PngHeader): ImageMode {
  if (header.colorType === 0) return header.bitDepth === 1 ? 'P' : 'L';
  return (({ 2: 'RGB', 3: 'P', 4: 'LA', 6: 'RGBA' }) as const)[header.colorType as 2 | 3 | 4 | 6];
}

/** The mode Pillow opens a PNG in (PngImagePlugin's _MODES). */
function pillowModeOf(header: PngHeader): PillowMode {
  if (header.colorType === 0) return header.bitDepth === 1 ? '1' : header.bitDepth === 16 ? 'I;16' : 'L';
  if (header.colorType === 4 && header.bitDepth === 16) return 'RGBA';
  return (({ 2: 'RGB', 3: 'P', 4: 'LA', 6: 'RGBA' }) as const)[header.colorType as 2 | 3 | 4 | 6];
}

/**
 * Multiplier that maps a grey sample to 8 bits the way Pillow's unpackers do (L;2 x85, L;4 x17);
 * 1 for everything else.
 */
function greyScale(header: PngHeader): number {
  if (header.colorType !== 0) return 1;
  return header.bitDepth === 2 ? 85 : header.bitDepth === 4 ? 17 : 1;
}

/**
 * One 16-bit sample as 8 bits, the way Pillow's `Image.open(f).convert('RGB')` gets it:
 * - colour and grey+alpha samples (RGB;16B, RGBA;16B, LA;16B unpackers): the high byte;
 * - 16-bit GREY opens as mode I;16, and I;16 -> RGB (or L) CLIPS: values 0-255 stay, every
 *   value above 255 becomes 255 (Convert.c I16_RGB). A typical 16-bit grey photo therefore
 *   comes out almost white; that is the reference's picture, so stroop gives the same.
 */
function sample16(high: number, low: number, clip: boolean): number {
  if (!clip) return high;
  return high === 0 ? low : 255;
}

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

/**
 * Decodes a PNG to the pixels Pillow's `Image.open(f).convert('RGB')` gives, kept in a mode
 * that resizes and converts as Pillow's does: L, LA, RGB, RGBA or P (palette with tRNS alpha).
 * 16-bit samples become 8 bits as sample16 says (16-bit grey clips, as Pillow's I;16 does).
 * Colour-key transparency (tRNS on grey/RGB) is ignored, as convert('RGB') ignores it.
 * Refuses what Pillow refuses, including 16-bit grey with a tRNS chunk, which Pillow opens but
 * cannot convert to RGB, so the reference pipeline fails on it.
 */
export function decodePng(bytes: Uint8Array): FormatDecode {
  const chunks = readPngChunks(bytes);
  const header = parsePngHeader(chunks.ihdr);
  if (header.colorType === 0 && header.bitDepth === 16 && chunks.trns !== undefined) {
    throw new ImageError(
      "16-bit greyscale PNG with a tRNS chunk: Pillow's convert('RGB') fails on it " +
        '(ValueError: transparency for RGB must be list or tuple), so the reference pipeline cannot use it',
    );
  }
  const samples = pngSamplesPerPixel[header.colorType] ?? 1;
  const bitsPerPixel = samples * header.bitDepth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const passes = passesOf(header);
  const expected = passes.reduce((sum, p) => sum + p.height * (1 + Math.ceil((p.width * bitsPerPixel) / 8)), 0);

  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(chunks.idat), { maxOutputLength: Math.max(expected, 1) });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ImageError('corrupt PNG: more image data than the header allows');
    throw new ImageError(`truncated or corrupt PNG image data (zlib: ${(error as Error).message})`);
  }
  if (raw.length < expected) {
    throw new ImageError(`truncated PNG: image data holds ${raw.length} of ${expected} bytes`);
  }

  const mode = modeOf(header);
  const out = new Uint8Array(header.width * header.height * samples);
  const scale = greyScale(header);
  const depth = header.bitDepth;
  const mask = (1 << Math.min(depth, 8)) - 1;
  const clip = header.colorType === 0;
  let offset = 0;
  for (const pass of passes) {
    const rowBytes = Math.ceil((pass.width * bitsPerPixel) / 8);
    unfilterPngRows(raw, offset, pass.height, rowBytes, bpp);
    for (let j = 0; j < pass.height; j++) {
      const rowStart = offset + j * (rowBytes + 1) + 1;
      const y = pass.y0 + j * pass.dy;
      if (depth === 8 && pass.dx === 1) {
        out.set(raw.subarray(rowStart, rowStart + rowBytes), y * rowBytes);
        continue;
      }
      for (let i = 0; i < pass.width; i++) {
        const outBase = (y * header.width + pass.x0 + i * pass.dx) * samples;
        for (let c = 0; c < samples; c++) {
          const index = i * samples + c;
          let value: number;
          if (depth === 8) value = raw[rowStart + index]!;
          else if (depth === 16) value = sample16(raw[rowStart + 2 * index]!, raw[rowStart + 2 * index + 1]!, clip);
          else {
            const bit = index * depth;
            value = (raw[rowStart + (bit >> 3)]! >> (8 - depth - (bit & 7))) & mask;
          }
          out[outBase + c] = value * scale;
        }
      }
    }
    offset += pass.height * (rowBytes + 1);
  }

  const { width, height } = header;
  const image: DecodedImage = mode === 'P' ? { width, height, mode, data: out, palette: pngPalette(header, chunks) } : { width, height, mode, data: out };
  const metadata = { ...(chunks.exif && { exif: chunks.exif }), ...(chunks.xmp && { xmp: chunks.xmp }) };
  return { image, sourceMode: pillowModeOf(header), decoder: 'stroop-png', ...metadata };
}

/**
 * The image as Pillow's `convert('RGB')` gives it, encoded as an 8-bit RGB PNG (colour type 2,
 * no alpha, no metadata): lossless, so reading the file back gives exactly these pixels.
 */
export function encodeRgbPng(image: DecodedImage): Buffer {
  const options = { colorType: 2, inputColorType: 2, inputHasAlpha: false } as const;
  const rgb = convertToRgb(image);
  return PNG.sync.write(packerInput(image.width, image.height, rgb), options);
}

/** An 8-bit RGBA PNG of `image` (lossless: it decodes to the same bytes). */
export function encodeRgbaPng(image: RgbaImage): Buffer {
  return PNG.sync.write(packerInput(image.width, image.height, image.data));
}

/**
 * What pngjs's packer reads (width, height, gamma, data), as a plain object. `new PNG(...)` is
 * avoided: it starts a stream parser whose process.nextTick callbacks keep each image's buffers
 * alive until the event loop turns, which a loop of synchronous encodes (the emoji build, an
 * export) may not let it do. The bytes written are the same.
 */
function packerInput(width: number, height: number, data: Uint8Array): PNG {
  return { width, height, gamma: 0, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) } as unknown as PNG;
}
