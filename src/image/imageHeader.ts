/** Image container formats stroop recognises by their first bytes. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** The formats `decodeImage` can decode. */
export type DecodableFormat = Exclude<ImageFormat, 'webp'>;

/** Formats `decodeImage` can decode (WebP is recognised, and refused, for lack of a decoder). */
export const decodableFormats: readonly ImageFormat[] = Object.freeze(['png', 'jpeg', 'gif']);

/** The size of an image as its header states it, read without decoding any pixels. */
export interface ImageHeader {
  readonly format: ImageFormat;
  /** Stored width in pixels, before any EXIF orientation is applied. */
  readonly width: number;
  /** Stored height in pixels, before any EXIF orientation is applied. */
  readonly height: number;
}
