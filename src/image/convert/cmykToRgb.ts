import { mulDiv255 } from './mulDiv255.js';

/**
 * One RGB channel from a CMYK ink and black amount (0 = no ink), Pillow's cmyk2rgb:
 * (255 - K) - MULDIV255(ink, 255 - K). No colour management.
 */
export function cmykToRgbChannel(ink: number, black: number): number {
  const notBlack = 255 - black;
  return notBlack - mulDiv255(ink, notBlack);
}
