import type { DecodedImage } from './decodedImage.js';
import type { RgbaImage } from './rgbaImage.js';

/** Pillow's MULDIV255: a * b / 255 rounded, as (t + (t >> 8)) >> 8 with t = a * b + 128. For a, b in 0..255. */
export function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

/**
 * One RGB channel from a CMYK ink and black amount (0 = no ink), Pillow's cmyk2rgb:
 * (255 - K) - MULDIV255(ink, 255 - K). No colour management.
 */
export function cmykToRgbChannel(ink: number, black: number): number {
  const notBlack = 255 - black;
  return notBlack - mulDiv255(ink, notBlack);
}

/**
 * Pillow's `image.convert('RGB')` as interleaved RGB bytes (width * height * 3): L copies grey
 * into R, G, B; LA and RGBA drop alpha WITHOUT compositing onto any background; P looks up
 * the palette (ignoring its alpha); CMYK uses Pillow's cmyk2rgb.
 */
export function convertToRgb(image: DecodedImage): Uint8Array {
  const { data, mode } = image;
  const pixels = image.width * image.height;
  const out = new Uint8Array(pixels * 3);
  switch (mode) {
    case 'RGB':
      out.set(data);
      break;
    case 'L':
    case 'LA': {
      const step = mode === 'L' ? 1 : 2;
      for (let i = 0; i < pixels; i++) {
        const grey = data[i * step]!;
        out[i * 3] = grey;
        out[i * 3 + 1] = grey;
        out[i * 3 + 2] = grey;
      }
      break;
    }
    case 'RGBA':
      for (let i = 0; i < pixels; i++) {
        out[i * 3] = data[i * 4]!;
        out[i * 3 + 1] = data[i * 4 + 1]!;
        out[i * 3 + 2] = data[i * 4 + 2]!;
      }
      break;
    case 'P': {
      const palette = image.palette ?? new Uint8Array(1024);
      for (let i = 0; i < pixels; i++) {
        const entry = data[i]! * 4;
        out[i * 3] = palette[entry]!;
        out[i * 3 + 1] = palette[entry + 1]!;
        out[i * 3 + 2] = palette[entry + 2]!;
      }
      break;
    }
    case 'CMYK':
      for (let i = 0; i < pixels; i++) {
        const black = data[i * 4 + 3]!;
        for (let c = 0; c < 3; c++) out[i * 3 + c] = cmykToRgbChannel(data[i * 4 + c]!, black);
      }
      break;
  }
  return out;
}

/**
 * Pillow's RGBA -> RGBa / LA -> La conversion: every colour channel times alpha / 255 with
 * MULDIV255 rounding; alpha (the last of `channels` interleaved bytes) unchanged. Returns a new array.
 */
export function premultiplyAlpha(data: Uint8Array, channels: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += channels) {
    const alpha = data[i + channels - 1]!;
    for (let c = 0; c < channels - 1; c++) out[i + c] = mulDiv255(data[i + c]!, alpha);
    out[i + channels - 1] = alpha;
  }
  return out;
}

/**
 * Pillow's RGBa -> RGBA / La -> LA conversion, in place: colour = min(255, floor(255 * colour / alpha)),
 * except where alpha is 0 or 255, which keep their colour as is.
 */
export function unpremultiplyAlpha(data: Uint8Array, channels: number): Uint8Array {
  for (let i = 0; i < data.length; i += channels) {
    const alpha = data[i + channels - 1]!;
    if (alpha === 0 || alpha === 255) continue;
    for (let c = 0; c < channels - 1; c++) data[i + c] = Math.min(255, Math.floor((255 * data[i + c]!) / alpha));
  }
  return data;
}

/**
 * The image as straight (not premultiplied) 8-bit RGBA, for the attack renderer: colours as
 * `convert('RGB')` gives them, alpha from LA/RGBA, from the palette for P (tRNS / GIF
 * transparent index), 255 otherwise. Always a new buffer.
 */
export function toRgba(image: DecodedImage): RgbaImage {
  const { width, height } = image;
  const pixels = width * height;
  if (image.mode === 'RGBA') return { width, height, data: image.data.slice() };
  const rgb = convertToRgb(image);
  const data = new Uint8Array(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    data[i * 4] = rgb[i * 3]!;
    data[i * 4 + 1] = rgb[i * 3 + 1]!;
    data[i * 4 + 2] = rgb[i * 3 + 2]!;
    let alpha = 255;
    if (image.mode === 'LA') alpha = image.data[i * 2 + 1]!;
    else if (image.mode === 'P' && image.palette) alpha = image.palette[image.data[i]! * 4 + 3]!;
    data[i * 4 + 3] = alpha;
  }
  return { width, height, data };
}

/**
 * An RGBA raster (e.g. a rendered attack image) as a mode-RGBA `DecodedImage`, so it is
 * preprocessed exactly as Pillow would treat the same pixels saved as an RGBA PNG
 * (premultiplied resize, alpha dropped without compositing). Shares `image.data`; nothing in
 * the pipeline writes to it.
 */
export function fromRgba(image: RgbaImage): DecodedImage {
  if (image.data.length !== image.width * image.height * 4) {
    throw new RangeError(`RGBA data has ${image.data.length} bytes, expected ${image.width} * ${image.height} * 4`);
  }
  return { width: image.width, height: image.height, mode: 'RGBA', data: image.data };
}
