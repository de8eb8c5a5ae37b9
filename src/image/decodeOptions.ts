/**
 * Pillow's `Image.MAX_IMAGE_PIXELS` (1024 * 1024 * 1024 // 4 // 3): larger images are refused
 * before decoding, as a decompression-bomb guard. (Pillow only warns up to twice this; stroop
 * refuses at the limit itself.)
 */
export const defaultMaxPixels = 89_478_485;

/**
 * What decoding does with the orientation a file states (EXIF Orientation, or XMP
 * tiff:Orientation where EXIF has none, read as Pillow reads them):
 * - `exif`: rotate/flip so the picture reads upright, as Hugging Face's `load_image`
 *   (`PIL.ImageOps.exif_transpose`) does;
 * - `ignore`: keep the stored pixels, as OpenAI's reference (`PIL.Image.open`, no transpose) does.
 */
export type OrientationPolicy = 'ignore' | 'exif';

/** Every orientation policy, for option choices. */
export const orientationPolicies: readonly OrientationPolicy[] = Object.freeze(['ignore', 'exif']);

/**
 * stroop's default orientation policy: `exif` (Hugging Face's `load_image`), because a dataset
 * photo lying on its side is not the picture its label describes. Use `ignore` for parity with
 * OpenAI's `clip` preprocessing.
 */
export const defaultOrientation: OrientationPolicy = 'exif';

/** How `decodeImage` / `readImageFile` treat one image. Immutable; one per call. */
export interface DecodeOptions {
  /** The file the bytes came from, for error messages only. */
  readonly path?: string;
  /** Refuse images with more pixels (width * height) than this, before decoding. Default 89,478,485. */
  readonly maxPixels?: number;
  /** What to do with the file's stated orientation; default `defaultOrientation` (`exif`). */
  readonly orientation?: OrientationPolicy;
}
