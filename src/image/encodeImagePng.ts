import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { convertToRgb } from './convertImage.js';
import type { DecodedImage, ImageMode } from './decodedImage.js';

/**
 * A decoded image as a PNG in its own mode, so that decoding the file gives back the same
 * `DecodedImage`: mode, pixels and palette. Preprocessing depends on the mode (Pillow resizes
 * RGBA and LA premultiplied, P by nearest neighbour), so an image frozen to a file is only the
 * image a run saw if its mode survives; `encodeRgbPng` (convert('RGB')) would not keep it.
 */

/** PNG colour type (8 bits per sample) of each mode a PNG can hold as it is. */
const colorTypes: Readonly<Record<Exclude<ImageMode, 'P' | 'CMYK'>, 0 | 2 | 4 | 6>> = { L: 0, RGB: 2, LA: 4, RGBA: 6 };

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * An 8-bit palette PNG (colour type 3) with all 256 palette entries and their alpha (tRNS, left
 * out when every entry is opaque). Rows are written unfiltered, as the PNG specification
 * recommends for palette images.
 */
function encodePalettePng(image: DecodedImage, palette: Uint8Array): Buffer {
  const { width, height, data } = image;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = new Uint8Array(256 * 3);
  const trns = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    plte.set(palette.subarray(i * 4, i * 4 + 3), i * 3);
    trns[i] = palette[i * 4 + 3]!;
  }
  const lastTranslucent = trns.findLastIndex((alpha) => alpha !== 255);
  const rows = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) rows.set(data.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    ...(lastTranslucent < 0 ? [] : [chunk('tRNS', trns.subarray(0, lastTranslucent + 1))]),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** What a P image without a palette reads as: convertToRgb gives black, toRgba opaque black. */
function opaqueBlackPalette(): Uint8Array {
  const palette = new Uint8Array(1024);
  for (let i = 3; i < palette.length; i += 4) palette[i] = 255;
  return palette;
}

/**
 * `image` as a PNG that stroop's decoder (and Pillow) read back in the same mode with the same
 * bytes: L, LA, RGB and RGBA as 8-bit grey, grey + alpha, RGB and RGBA; P as an 8-bit palette
 * image with the palette's alpha. CMYK, which no stroop decoder produces (CMYK JPEGs decode to
 * RGB), is written as its convert('RGB'). An RGBA raster (a rendered attack) goes through
 * `fromRgba` first.
 */
export function encodeImagePng(image: DecodedImage): Buffer {
  if (image.mode === 'P') return encodePalettePng(image, image.palette ?? opaqueBlackPalette());
  const mode = image.mode === 'CMYK' ? 'RGB' : image.mode;
  const data = image.mode === 'CMYK' ? convertToRgb(image) : image.data;
  const colorType = colorTypes[mode];
  // Paeth on every row: within a few percent of pngjs's adaptive choice in size, at a third of its time.
  const options = { colorType, inputColorType: colorType, inputHasAlpha: mode === 'LA' || mode === 'RGBA', bitDepth: 8, filterType: 4 } as const;
  // The packer reads only width, height and data. `new PNG(...)` is avoided: it starts a stream
  // parser whose process.nextTick callbacks keep each PNG's buffers alive until the event loop
  // turns, which a loop of synchronous encodes (an export) may not let it do for thousands of images.
  const png = { width: image.width, height: image.height, gamma: 0, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
  return PNG.sync.write(png as unknown as PNG, options);
}
