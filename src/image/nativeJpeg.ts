import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Canvas from 'canvas';
import { ImageError } from '../errors/errors.js';
import { useBundledFontconfig } from '../util/bundledFontconfig.js';
import type { DecodedImage } from './decodedImage.js';
import { reasonOf } from './imageError.js';
import type { JpegFrameHeader, JpegSegment } from './jpegSegments.js';

/**
 * libjpeg-turbo through node-canvas, the JPEG decoder Pillow's pixels come from: node-canvas
 * loaded lazily, the JPEG library it runs, decoding with it, and keeping it from acting on EXIF.
 */

type CanvasModule = typeof Canvas;

/** node-canvas, loaded on first use, or why it could not be loaded. */
let loaded: { readonly canvas: CanvasModule } | { readonly error: string } | undefined;

/**
 * node-canvas, whose `Image` decodes JPEG with the libjpeg(-turbo) it was built against, or
 * `undefined` when it cannot be loaded here (not installed, native build missing). Loaded
 * synchronously on first use, so that decoding stays synchronous and a process that never
 * decodes a JPEG never loads the native module for it.
 */
export function nativeJpegCanvas(): CanvasModule | undefined {
  if (loaded === undefined) {
    try {
      loaded = { canvas: createRequire(import.meta.url)('canvas') as CanvasModule };
    } catch (error) {
      loaded = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    }
  }
  return 'canvas' in loaded ? loaded.canvas : undefined;
}

/** Why the native JPEG decoder is not available, or `undefined` when it is. */
export function nativeJpegUnavailableReason(): string | undefined {
  nativeJpegCanvas();
  return loaded !== undefined && 'error' in loaded ? loaded.error : undefined;
}

let libraryVersion: string | undefined;

/**
 * The JPEG library node-canvas runs, e.g. "libjpeg-turbo 2.1.5". The libjpeg API does not
 * report the library's own version, so on Linux it is read from the shared library the
 * process has mapped (its version banner); elsewhere it is "libjpeg API <jpegVersion>".
 */
export function nativeJpegLibrary(): string | undefined {
  const canvas = nativeJpegCanvas();
  if (canvas === undefined) return undefined;
  if (libraryVersion !== undefined) return libraryVersion;
  libraryVersion = `libjpeg API ${canvas.jpegVersion ?? 'unknown'}`;
  try {
    const maps = readFileSync('/proc/self/maps', 'latin1');
    const file = /\s(\/\S*libjpeg[^/\s]*\.so[^/\s]*)$/m.exec(maps)?.[1];
    if (file !== undefined) {
      const banner = /libjpeg-turbo version ([0-9][0-9.]*)/.exec(readFileSync(file, 'latin1'));
      if (banner !== null) libraryVersion = `libjpeg-turbo ${banner[1]!}`;
    }
  } catch {
    // Not Linux, or /proc is not readable: keep the API version.
  }
  return libraryVersion;
}

/** cairo's largest image surface side, in pixels: node-canvas cannot hold a wider or taller picture. */
export const canvasMaxSide = 32767;

// node-canvas rotates a JPEG by its EXIF Orientation while decoding, with no way to turn that
// off, and reads the EXIF block without bounds checks (an IFD offset near 2^32 makes it read
// far outside the buffer). stroop applies orientation itself, so before a JPEG goes to
// node-canvas every APP1 "Exif" header node-canvas would find is broken ('Exif' -> 'xxif'),
// and node-canvas never parses EXIF. libjpeg skips APP1 payloads, so the pixels do not change.
//
// `findCanvasExif` is node-canvas 3's `Image::getExifOrientation` segment walk (src/Image.cc),
// step for step, including its quirks (it scans for any 0xFF, knows only some markers, and
// skips a whole segment length after reading part of the "Exif" prefix).

/** "Exif\0\0" */
const exifHeader: readonly number[] = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];

/** Offset of the "Exif\0\0" header node-canvas would parse, or -1 when it finds none. */
function findCanvasExif(bytes: Uint8Array): number {
  const length = bytes.length;
  // node-canvas's Reader::hasBytes(n): idx + n - 1 < len.
  const has = (idx: number, n: number): boolean => idx + n - 1 < length;
  let idx = 0;
  for (;;) {
    if (!has(idx, 1)) return -1;
    while (has(idx, 1) && bytes[idx++] !== 0xff) {
      // scan to the next 0xFF
    }
    if (!has(idx, 1)) return -1;
    const tag = bytes[idx++]!;
    switch (tag) {
      case 0xd8:
        break;
      case 0xdd:
        idx += 4;
        break;
      case 0xc0:
      case 0xc2:
      case 0xc4:
      case 0xdb:
      case 0xfe:
      case 0xe0:
      case 0xe1: {
        if (!has(idx, 2)) return -1;
        const tagLength = (bytes[idx]! << 8) | bytes[idx + 1]!;
        idx += 2;
        const contentLength = Math.max(0, tagLength - 2);
        if (tag !== 0xe1 || !has(idx, contentLength) || !has(idx, 6)) {
          idx += contentLength;
          break;
        }
        const start = idx;
        let matched = 0;
        // The C++ reads byte by byte with &&: it stops after the first mismatch.
        while (matched < 6 && bytes[idx++] === exifHeader[matched]) matched++;
        if (matched === 6) return start;
        idx += contentLength;
        break;
      }
      default:
        return -1;
    }
  }
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  return exifHeader.every((value, i) => bytes[at + i] === value);
}

/**
 * The JPEG with every EXIF header made unreadable to node-canvas: those of the APP1 segments
 * in `segments` (the file's header as libjpeg reads it), then any other that node-canvas's own
 * walk would still reach. Returns `bytes` itself when there is none, else a patched copy;
 * `bytes` is never changed.
 */
export function hideExifFromCanvas(bytes: Uint8Array, segments: readonly JpegSegment[]): Uint8Array {
  let out = bytes;
  const hide = (at: number): void => {
    // A copy (Buffer#slice would share memory with the caller's bytes).
    if (out === bytes) out = new Uint8Array(bytes);
    out[at] = 0x78; // 'E' -> 'x'
  };
  for (const segment of segments) {
    if (segment.marker === 0xe1 && isExifHeader(bytes, segment.start)) hide(segment.start);
  }
  for (let at = findCanvasExif(out); at >= 0; at = findCanvasExif(out)) hide(at);
  return out;
}

/**
 * Decodes a JPEG with libjpeg-turbo through node-canvas, with libjpeg's defaults, which are
 * Pillow's: islow integer IDCT, fancy (triangular) chroma upsampling, no colour management,
 * no EXIF rotation (node-canvas's own rotation is disabled, see hideExifFromCanvas). Gives
 * mode L for 1 component and RGB for 3 (YCbCr or RGB). 4-component (CMYK/YCCK) files come
 * out as RGB by node-canvas's formula R = K' * C' / 255 truncated (Adobe's inverted inks),
 * which is Pillow's cmyk2rgb up to 1 level (Pillow rounds).
 *
 * Returns `undefined` when node-canvas is not available or the picture is wider or taller than
 * `canvasMaxSide`; the caller then falls back to jpeg-js. libjpeg's fatal errors become an
 * `ImageError`; its warnings (junk before a marker, a scan cut short) do not, as in Pillow.
 */
export function decodeJpegLibjpeg(bytes: Uint8Array, frame: JpegFrameHeader, segments: readonly JpegSegment[]): DecodedImage | undefined {
  const canvas = nativeJpegCanvas();
  if (canvas === undefined || frame.width > canvasMaxSide || frame.height > canvasMaxSide) return undefined;
  const patched = hideExifFromCanvas(bytes, segments);
  const image = new canvas.Image();
  let failure: Error | undefined;
  image.onerror = (error) => {
    failure = error;
  };
  // node-canvas decodes a Buffer source synchronously, calling onerror before returning.
  image.src = Buffer.from(patched.buffer, patched.byteOffset, patched.byteLength);
  if (failure !== undefined) throw new ImageError(`corrupt JPEG (libjpeg: ${reasonOf(failure)})`);
  const { width, height } = image;
  useBundledFontconfig();
  const surface = canvas.createCanvas(width, height);
  const context = surface.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  // Free the native buffers now rather than at some later garbage collection.
  image.onerror = null;
  image.src = Buffer.alloc(0);
  surface.width = 0;

  const pixels = width * height;
  if (frame.components === 1) {
    const grey = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) grey[i] = rgba[i * 4]!;
    return { width, height, mode: 'L', data: grey };
  }
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = rgba[i * 4]!;
    rgb[i * 3 + 1] = rgba[i * 4 + 1]!;
    rgb[i * 3 + 2] = rgba[i * 4 + 2]!;
  }
  return { width, height, mode: 'RGB', data: rgb };
}
