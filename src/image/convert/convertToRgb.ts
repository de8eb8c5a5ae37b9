import type { DecodedImage } from '../decodedImage.js';
import { cmykToRgbChannel } from './cmykToRgb.js';

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
