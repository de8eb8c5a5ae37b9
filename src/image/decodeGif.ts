import { ImageError } from '../errors/errors.js';
import type { DecodedImage } from './decodedImage.js';
import { checkPixelLimit } from './imageError.js';

const maxCodes = 4096;

/**
 * Decodes a GIF LZW stream (the concatenated sub-block payloads) into `pixelCount` palette
 * indices. Data past the last needed pixel is ignored; a stream that ends early is an error.
 */
export function decodeGifLzw(data: Uint8Array, minCodeSize: number, pixelCount: number): Uint8Array {
  if (minCodeSize < 1 || minCodeSize > 11) {
    throw new ImageError(`corrupt GIF: LZW minimum code size ${minCodeSize} (allowed 1-11)`);
  }
  const out = new Uint8Array(pixelCount);
  const prefix = new Int16Array(maxCodes);
  const suffix = new Uint8Array(maxCodes);
  const firstByte = new Uint8Array(maxCodes);
  const length = new Uint16Array(maxCodes);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  for (let code = 0; code < clear; code++) {
    suffix[code] = code;
    firstByte[code] = code;
    length[code] = 1;
  }
  let codeSize = minCodeSize + 1;
  let next = end + 1;
  let previous = -1;
  let written = 0;
  let bitBuffer = 0;
  let bitCount = 0;
  let pos = 0;

  while (written < pixelCount) {
    while (bitCount < codeSize && pos < data.length) {
      bitBuffer |= data[pos++]! << bitCount;
      bitCount += 8;
    }
    if (bitCount < codeSize) break;
    const code = bitBuffer & ((1 << codeSize) - 1);
    bitBuffer >>>= codeSize;
    bitCount -= codeSize;

    if (code === clear) {
      codeSize = minCodeSize + 1;
      next = end + 1;
      previous = -1;
      continue;
    }
    if (code === end) break;
    if (code > next || (code === next && previous < 0)) {
      throw new ImageError(`corrupt GIF image data: LZW code ${code} not yet defined`);
    }
    if (previous >= 0 && next < maxCodes) {
      // The new entry is previous + first byte of the current string (code === next: KwKwK).
      prefix[next] = previous;
      firstByte[next] = firstByte[previous]!;
      suffix[next] = code === next ? firstByte[previous]! : firstByte[code]!;
      length[next] = length[previous]! + 1;
      next++;
      if (next === 1 << codeSize && codeSize < 12) codeSize++;
    }
    // Write the string for `code` back to front.
    const stringLength = length[code]!;
    let at = written + stringLength - 1;
    let walk = code;
    while (walk >= 0 && at >= written) {
      if (at < pixelCount) out[at] = suffix[walk]!;
      walk = walk < clear ? -1 : prefix[walk]!;
      at--;
    }
    written += stringLength;
    previous = code;
  }
  if (written < pixelCount) {
    throw new ImageError(`truncated GIF image data: decoded ${written} of ${pixelCount} pixels`);
  }
  return out;
}

class GifReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    const value = this.bytes[this.pos++];
    if (value === undefined) throw new ImageError('truncated GIF: the data ends inside a block');
    return value;
  }

  u16(): number {
    return this.byte() | (this.byte() << 8);
  }

  take(count: number): Uint8Array {
    if (this.pos + count > this.bytes.length) throw new ImageError('truncated GIF: the data ends inside a block');
    const slice = this.bytes.subarray(this.pos, this.pos + count);
    this.pos += count;
    return slice;
  }

  /** Concatenated payloads of a sub-block chain (size byte, payload, ..., 0). */
  subBlocks(): Uint8Array {
    const parts: Uint8Array[] = [];
    for (let size = this.byte(); size !== 0; size = this.byte()) parts.push(this.take(size));
    return Buffer.concat(parts);
  }
}

/** Pillow's `_is_palette_needed`: a palette that is exactly the grey ramp 0,1,2,... means mode L. */
function isIdentityGrey(colours: Uint8Array): boolean {
  for (let i = 0; i < colours.length; i += 3) {
    const index = i / 3;
    if (colours[i] !== index || colours[i + 1] !== index || colours[i + 2] !== index) return false;
  }
  return true;
}

function rgbaPalette(colours: Uint8Array, transparency: number | undefined): Uint8Array {
  const palette = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    palette[i * 4] = colours[i * 3] ?? 0;
    palette[i * 4 + 1] = colours[i * 3 + 1] ?? 0;
    palette[i * 4 + 2] = colours[i * 3 + 2] ?? 0;
    palette[i * 4 + 3] = i === transparency ? 0 : 255;
  }
  return palette;
}

/** Row order of an interlaced GIF frame: every 8th from 0, every 8th from 4, every 4th from 2, every 2nd from 1. */
function interlacedRows(height: number): number[] {
  const rows: number[] = [];
  for (const [start, step] of [[0, 8], [4, 8], [2, 4], [1, 2]] as const) {
    for (let y = start; y < height; y += step) rows.push(y);
  }
  return rows;
}

/**
 * Decodes the first frame of a GIF the way Pillow opens it: mode P (palette, the transparent
 * index given alpha 0 in the palette), or mode L when the frame has no palette or its palette
 * is the identity grey ramp. The canvas is the logical screen, enlarged to hold the frame;
 * outside the frame it holds the transparent index, or 0 when there is none.
 */
export function decodeGif(bytes: Uint8Array, maxPixels: number): DecodedImage {
  const reader = new GifReader(bytes);
  reader.take(6);
  let width = reader.u16();
  let height = reader.u16();
  const flags = reader.byte();
  reader.take(2);
  const globalColours = flags & 0x80 ? reader.take(3 << ((flags & 7) + 1)) : undefined;
  let transparency: number | undefined;

  for (;;) {
    const introducer = reader.pos < bytes.length ? reader.byte() : 0x3b;
    if (introducer === 0x3b) throw new ImageError('GIF contains no image');
    if (introducer === 0x21) {
      const label = reader.byte();
      const block = reader.subBlocks();
      if (label === 0xf9 && block.length >= 4) transparency = block[0]! & 1 ? block[3] : undefined;
      continue;
    }
    if (introducer !== 0x2c) throw new ImageError(`corrupt GIF: unknown block type 0x${introducer.toString(16)}`);

    const x0 = reader.u16();
    const y0 = reader.u16();
    const frameWidth = reader.u16();
    const frameHeight = reader.u16();
    const frameFlags = reader.byte();
    const colours = frameFlags & 0x80 ? reader.take(3 << ((frameFlags & 7) + 1)) : globalColours;
    width = Math.max(width, x0 + frameWidth);
    height = Math.max(height, y0 + frameHeight);
    checkPixelLimit(width, height, maxPixels);
    const minCodeSize = reader.byte();
    const indices = decodeGifLzw(reader.subBlocks(), minCodeSize, frameWidth * frameHeight);

    const data = new Uint8Array(width * height).fill(transparency ?? 0);
    const rows = frameFlags & 0x40 ? interlacedRows(frameHeight) : undefined;
    for (let j = 0; j < frameHeight; j++) {
      const y = y0 + (rows ? rows[j]! : j);
      data.set(indices.subarray(j * frameWidth, (j + 1) * frameWidth), y * width + x0);
    }
    if (colours === undefined || isIdentityGrey(colours)) return { width, height, mode: 'L', data };
    return { width, height, mode: 'P', data, palette: rgbaPalette(colours, transparency) };
  }
}
