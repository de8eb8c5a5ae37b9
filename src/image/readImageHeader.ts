import { crc32 } from 'node:zlib';
import { ImageError } from '../errors/errors.js';
import { imageError, reasonOf } from './imageError.js';
import { jpegFrameHeader, jpegHeaderSegments } from './jpegSegments.js';

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

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return prefix.every((value, i) => bytes[offset + i] === value);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function u32be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) * 2 ** 24) + (((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
}

function u16le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function u24le(bytes: Uint8Array, offset: number): number {
  return u16le(bytes, offset) | ((bytes[offset + 2] ?? 0) << 16);
}

function needBytes(bytes: Uint8Array, count: number, format: string): void {
  if (bytes.length < count) {
    throw new ImageError(`truncated ${format} header (${bytes.length} bytes, need at least ${count})`);
  }
}

function pngHeader(bytes: Uint8Array): ImageHeader {
  needBytes(bytes, 24, 'PNG');
  if (ascii(bytes, 12, 4) !== 'IHDR') throw new ImageError('corrupt PNG: the first chunk is not IHDR');
  // A damaged size field should read as damage, not as an over-large image.
  if (bytes.length >= 33 && crc32(bytes.subarray(12, 29)) !== u32be(bytes, 29)) {
    throw new ImageError('corrupt PNG: bad CRC in chunk IHDR');
  }
  return { format: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function jpegHeader(bytes: Uint8Array): ImageHeader {
  const frame = jpegFrameHeader(bytes, jpegHeaderSegments(bytes));
  return { format: 'jpeg', width: frame.width, height: frame.height };
}

function gifHeader(bytes: Uint8Array): ImageHeader {
  needBytes(bytes, 10, 'GIF');
  return { format: 'gif', width: u16le(bytes, 6), height: u16le(bytes, 8) };
}

function webpHeader(bytes: Uint8Array): ImageHeader {
  needBytes(bytes, 30, 'WebP');
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') return { format: 'webp', width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = u16le(bytes, 21) | (u16le(bytes, 23) << 16);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') {
    return { format: 'webp', width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  throw new ImageError(`corrupt WebP: unknown first chunk '${chunk}'`);
}

const sniffers: ReadonlyArray<readonly [ImageFormat, (bytes: Uint8Array) => boolean, (bytes: Uint8Array) => ImageHeader]> = [
  ['png', (b) => startsWith(b, pngSignature), pngHeader],
  ['jpeg', (b) => startsWith(b, [0xff, 0xd8, 0xff]), jpegHeader],
  ['gif', (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a', gifHeader],
  ['webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP', webpHeader],
];

/** The one-line list of formats for "unknown format" messages. */
export const allowedFormatsText = 'allowed formats: PNG, JPEG, GIF';

/**
 * Recognises an image's format from its first bytes and reads the stored size from its header
 * (PNG IHDR, JPEG SOFn, GIF logical screen, WebP VP8/VP8L/VP8X), without decoding pixels, so an
 * over-large image can be refused cheaply. Throws `ImageError` for empty, unknown or truncated data.
 */
export function readImageHeader(bytes: Uint8Array, path?: string): ImageHeader {
  if (bytes.length === 0) throw imageError('the file is empty (0 bytes)', path);
  const sniffer = sniffers.find(([, matches]) => matches(bytes));
  if (sniffer === undefined) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw imageError(`unknown image format (first bytes: ${head}); ${allowedFormatsText}`, path);
  }
  try {
    return sniffer[2](bytes);
  } catch (error) {
    throw imageError(reasonOf(error), path, error);
  }
}
