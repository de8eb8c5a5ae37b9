/**
 * An 8-bit RGBA raster as plain data: the currency between the dataset loader,
 * the attack renderer and the preprocessor. Not premultiplied.
 */
export interface RgbaImage {
  /** Width in pixels (>= 1). */
  readonly width: number;
  /** Height in pixels (>= 1). */
  readonly height: number;
  /** width * height * 4 bytes, row-major, R G B A. */
  readonly data: Uint8Array;
}

/** A `width` x `height` image of one opaque colour (default white). */
export function solidRgbaImage(width: number, height: number, [r, g, b]: readonly [number, number, number] = [255, 255, 255]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
  return { width, height, data };
}
