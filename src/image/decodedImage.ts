import type { DecodableFormat } from './readImageHeader.js';

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

/**
 * Which decoder produced an image's pixels. PNG and GIF are decoded by stroop's own code
 * (decodePng.ts, decodeGif.ts); JPEG by libjpeg-turbo through node-canvas, as Pillow decodes
 * it, or, where that is unavailable, by the pure-JS jpeg-js, whose pixels differ from Pillow's.
 */
export type ImageDecoderId = 'stroop-png' | 'stroop-gif' | 'libjpeg-turbo' | 'jpeg-js';

/**
 * The mode Pillow's `Image.open(f).mode` reports for the file: what the reference pipeline
 * starts from. `DecodedImage.mode` can be narrower where the two give the same
 * `convert('RGB')`: "1" is kept as a 2-colour P image, "I;16" as its clipped L, 16-bit LA
 * (which Pillow opens as RGBA) as LA, and CMYK JPEGs are converted to RGB while decoding.
 */
export type PillowMode = '1' | 'L' | 'P' | 'LA' | 'RGB' | 'RGBA' | 'I;16' | 'CMYK';

/** An image decoded from a file, with what the run's provenance and `stroop image --json` report. */
export interface DecodeResult {
  /** The pixels, after orientation when it was applied. */
  readonly image: DecodedImage;
  readonly format: DecodableFormat;
  readonly sourceMode: PillowMode;
  readonly decoder: ImageDecoderId;
  /** The orientation the file states (EXIF, else XMP, as Pillow reads them): 1-8, 1 when none. */
  readonly exifOrientation: number;
  /** Whether the image was rotated or flipped for it (option `orientation: exif` and a value other than 1). */
  readonly oriented: boolean;
}

/** What one format's decoder gives `decodeImage`, before orientation. */
export interface FormatDecode {
  readonly image: DecodedImage;
  readonly sourceMode: PillowMode;
  readonly decoder: ImageDecoderId;
  /** The EXIF block that states the orientation, if any (with or without "Exif\0\0"). */
  readonly exif?: Uint8Array;
  /** The XMP packet, if any (Pillow's fallback for the orientation). */
  readonly xmp?: Uint8Array;
}
