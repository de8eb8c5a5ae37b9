/**
 * Pillow's `Image.MAX_IMAGE_PIXELS` (1024 * 1024 * 1024 // 4 // 3): larger images are refused
 * before decoding, as a decompression-bomb guard. (Pillow only warns up to twice this; stroop
 * refuses at the limit itself.)
 */
export const defaultMaxPixels = 89_478_485;

/** How `decodeImage` / `readImageFile` treat one image. Immutable; one per call. */
export interface DecodeOptions {
  /** The file the bytes came from, for error messages only. */
  readonly path?: string;
  /** Refuse images with more pixels (width * height) than this, before decoding. Default 89,478,485. */
  readonly maxPixels?: number;
  /**
   * Rotate/flip JPEGs as their EXIF Orientation tag says (default true). OpenAI's reference
   * (`PIL.Image.open`) ignores the tag; stroop applies it on purpose, because a dataset photo
   * lying on its side is not the picture its label describes. Set false for reference parity.
   */
  readonly applyExifOrientation?: boolean;
}
