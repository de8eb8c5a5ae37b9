/**
 * Pillow image modes stroop keeps images in. Pillow resizes an image in the mode it was
 * decoded in (premultiplied for LA/RGBA, nearest-neighbour for P), so the mode must survive
 * decoding for the preprocessing to match OpenAI's reference bit for bit.
 */
export type ImageMode = 'L' | 'LA' | 'RGB' | 'RGBA' | 'P' | 'CMYK';

/**
 * A decoded raster in its source mode, as plain data.
 *
 * - `L`: grey; `LA`: grey + alpha (not premultiplied); `RGB`; `RGBA` (not premultiplied);
 * - `P`: one palette index per pixel, colours in `palette`;
 * - `CMYK`: ink amounts, 0 = no ink (Pillow's convention, not Adobe's inverted one).
 */
export interface DecodedImage {
  /** Width in pixels (>= 1). */
  readonly width: number;
  /** Height in pixels (>= 1). */
  readonly height: number;
  readonly mode: ImageMode;
  /** width * height * channelCount[mode] bytes, row-major, channels interleaved. */
  readonly data: Uint8Array;
  /**
   * Only for mode `P`: 256 entries of R, G, B, A (1024 bytes). Alpha comes from the PNG tRNS
   * chunk or the GIF transparent index (255 elsewhere); indices past the file's own palette
   * are opaque black.
   */
  readonly palette?: Uint8Array;
}

/** Bytes per pixel in `DecodedImage.data` for each mode. */
export const channelCount: Readonly<Record<ImageMode, number>> = Object.freeze({
  L: 1,
  LA: 2,
  RGB: 3,
  RGBA: 4,
  P: 1,
  CMYK: 4,
});
