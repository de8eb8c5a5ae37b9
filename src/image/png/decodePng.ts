import { inflateSync } from 'node:zlib';
import { ImageError } from '../../errors/ImageError.js';
import type { DecodedImage, ImageMode } from '../decodedImage.js';
import { readPngChunks } from './pngChunks.js';
import { parsePngHeader, pngSamplesPerPixel, type PngHeader } from './pngHeader.js';
import { pngPalette } from './pngPalette.js';
import { unfilterPngRows } from './unfilterPngRows.js';

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

/** The Pillow mode a PNG opens in. 1-bit grey is Pillow's mode "1"; it is kept as a 2-colour P image, which Pillow resizes (nearest) and converts the same way. */
function modeOf(header: PngHeader): ImageMode {
  if (header.colorType === 0) return header.bitDepth === 1 ? 'P' : 'L';
  return (({ 2: 'RGB', 3: 'P', 4: 'LA', 6: 'RGBA' }) as const)[header.colorType as 2 | 3 | 4 | 6];
}

/**
 * Multiplier that maps a grey sample to 8 bits the way Pillow's unpackers do (L;2 x85, L;4 x17);
 * 1 for everything else (16-bit samples keep their most significant byte).
 */
function greyScale(header: PngHeader): number {
  if (header.colorType !== 0) return 1;
  return header.bitDepth === 2 ? 85 : header.bitDepth === 4 ? 17 : 1;
}

/**
 * Decodes a PNG into its Pillow mode: L, LA, RGB, RGBA or P (palette with tRNS alpha).
 * 16-bit samples become their high byte, which is what Pillow's RGB;16B / RGBA;16B / LA;16B
 * unpackers do. 16-bit GREY is the exception: Pillow opens it as mode I;16 and convert('RGB')
 * then clips every value above 255 to white; stroop takes the high byte instead (a usable
 * picture rather than a white one), so such images differ from the reference on purpose.
 * Colour-key transparency (tRNS on grey/RGB) is ignored, as convert('RGB') ignores it.
 */
export function decodePng(bytes: Uint8Array): DecodedImage {
  const chunks = readPngChunks(bytes);
  const header = parsePngHeader(chunks.ihdr);
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
          else if (depth === 16) value = raw[rowStart + 2 * index]!;
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

  if (mode !== 'P') return { width: header.width, height: header.height, mode, data: out };
  return { width: header.width, height: header.height, mode, data: out, palette: pngPalette(header, chunks) };
}
