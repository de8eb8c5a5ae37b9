import type { DecodedImage } from './decodedImage.js';
import type { DecodableFormat } from './imageHeader.js';

/**
 * Which decoder produced an image's pixels. PNG and GIF are decoded by stroop's own code
 * (src/image/png, src/image/gif); JPEG by libjpeg-turbo through node-canvas, as Pillow decodes
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
