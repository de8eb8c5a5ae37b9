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
