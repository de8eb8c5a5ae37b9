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
